import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorViews } from '../../data.ts';
import { toCsv, toExcelCsv } from '../../lib/downloads.ts';
import { INDICATOR_CSV_COLUMNS, indicatorCsvRecords } from '../../lib/indicator-progress.ts';

/** One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. */
const TEXT_COLUMNS = new Map(INDICATOR_CSV_COLUMNS.filter((c) => c !== 'target' && c !== 'value').map((c) => [c, { type: 'string' as const }]));
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({ params: { id: v.indicator.id }, props: { body: toExcelCsv(toCsv(INDICATOR_CSV_COLUMNS, indicatorCsvRecords(v)), TEXT_COLUMNS) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
