import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogue } from '../../data.ts';
import { excelColumns, toExcelCsv } from '../../lib/publishing/excel-csv.ts';

/** "CSV for Excel": BOM, CRLF, formula-injection-safe cells. */
export const getStaticPaths = (() =>
  catalogue().map((e) => ({
    params: { table: e.name },
    props: { body: toExcelCsv(new TextDecoder().decode(e.bytes), excelColumns(e.columns)) },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
