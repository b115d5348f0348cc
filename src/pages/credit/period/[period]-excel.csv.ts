import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodCsv, ratingPeriods } from '../../../data.ts';
import { toExcelCsv } from '../../../lib/publishing/excel-csv.ts';
import { PERIOD_EXCEL_COLUMNS } from '../../../lib/credit-period.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text (the encoding of the credit list's "下载这些行"). */
export const getStaticPaths = (() =>
  ratingPeriods().map((period) => ({
    params: { period },
    props: { body: toExcelCsv(creditPeriodCsv(period), PERIOD_EXCEL_COLUMNS) },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
