import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorViews } from '../../data.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. */
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({ params: { id: v.indicator.id }, props: { body: excelCsv(indicatorTable(v.indicator.id)) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
