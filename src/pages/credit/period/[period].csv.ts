import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodCsv, ratingPeriods } from '../../../data.ts';

/** One period's ratings with the enterprise's name, industry and village. */
export const getStaticPaths = (() =>
  ratingPeriods().map((period) => ({ params: { period }, props: { body: creditPeriodCsv(period) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
