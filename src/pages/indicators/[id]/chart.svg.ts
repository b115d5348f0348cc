import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorChartImage, indicatorViews } from '../../../data.ts';
import { indicatorUrl } from '../../../lib/urls.ts';

/** The chart image of an indicator, with title, target, deadline, source, licence, site, address and date. */
export const getStaticPaths = (() => indicatorViews().map((v) => ({ params: { id: v.indicator.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const id = String(params.id);
  const url = new URL(indicatorUrl(id), site ?? 'http://localhost:4321').href;
  return new Response(indicatorChartImage(id, url), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
