import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorViews } from '../../data.ts';

/** One indicator: what it is and its computed verdicts on every row, then its observations. */
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({ params: { id: v.indicator.id }, props: { bytes: indicatorTable(v.indicator.id).csv } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(new Uint8Array(props.bytes as Uint8Array), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
