import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorViews, publishedTableKey } from '../../data.ts';

/** One indicator: what it is and its computed verdicts on every row, then its observations. */
export const getStaticPaths = (async () =>
  Promise.all(
    indicatorViews().map(async (v) => ({
      params: { id: v.indicator.id },
      props: { id: v.indicator.id },
      cacheKey: await publishedTableKey('indicators/[id].csv', indicatorTable(v.indicator.id)),
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(indicatorTable(String(props.id)).csv), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
