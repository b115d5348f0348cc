import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorTablePaths } from '../../data.ts';

/** One indicator: what it is and its computed verdicts on every row, then its observations. */
export const getStaticPaths = (() => indicatorTablePaths('indicators/[id].csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(indicatorTable(String(props.id)).csv), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
