import type { APIRoute, GetStaticPaths } from 'astro';
import { CREDIT_PERIOD_SOURCES, creditPeriodTable, ratingPeriods, sourceFilesKey } from '../../../data.ts';

/** One period's ratings with the enterprise's name, industry and village. */
export const getStaticPaths = (async () =>
  Promise.all(
    ratingPeriods().map(async (period) => ({
      params: { period },
      props: { period },
      cacheKey: await sourceFilesKey('credit/period/[period].csv', CREDIT_PERIOD_SOURCES, period),
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(creditPeriodTable(String(props.period)).csv), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
