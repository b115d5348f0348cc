import type { APIRoute, GetStaticPaths } from 'astro';
import { CREDIT_PERIOD_SOURCES, creditPeriodTable, ratingPeriods, sourceFilesKey } from '../../../data.ts';
import { excelCsv } from '../../../lib/publishing/published.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text (the encoding of the credit list's "下载这些行"). */
export const getStaticPaths = (async () =>
  Promise.all(
    ratingPeriods().map(async (period) => ({
      params: { period },
      props: { period },
      cacheKey: await sourceFilesKey('credit/period/[period]-excel.csv', CREDIT_PERIOD_SOURCES, period),
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(excelCsv(creditPeriodTable(String(props.period))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
