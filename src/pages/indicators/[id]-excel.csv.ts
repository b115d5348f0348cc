import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorTablePaths } from '../../data.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. */
export const getStaticPaths = (() => indicatorTablePaths('indicators/[id]-excel.csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(excelCsv(indicatorTable(String(props.id))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
