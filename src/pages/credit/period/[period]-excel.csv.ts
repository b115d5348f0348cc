import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodCsv, ratingPeriods } from '../../../data.ts';
import { toExcelCsv } from '../../../lib/downloads.ts';
import { PERIOD_CSV_COLUMNS } from '../../../lib/credit-period.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text. */
const TEXT_COLUMNS = new Map(PERIOD_CSV_COLUMNS.filter((c) => c !== 'score').map((c) => [c, { type: 'string' as const }]));
export const getStaticPaths = (() => ratingPeriods().map((period) => ({ params: { period }, props: { body: toExcelCsv(creditPeriodCsv(period), TEXT_COLUMNS) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
