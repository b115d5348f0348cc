import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTable, ratingPeriods } from '../../../data.ts';

/** One period's ratings with the enterprise's name, industry and village. */
export const getStaticPaths = (() =>
  ratingPeriods().map((period) => ({ params: { period }, props: { bytes: creditPeriodTable(period).csv } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(new Uint8Array(props.bytes as Uint8Array), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
