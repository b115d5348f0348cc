import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTable, ratingPeriods } from '../../../data.ts';
import { excelCsv } from '../../../lib/publishing/published.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text (the encoding of the credit list's "下载这些行"). */
export const getStaticPaths = (() =>
  ratingPeriods().map((period) => ({ params: { period }, props: { body: excelCsv(creditPeriodTable(period)) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
