import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorChartImage, indicatorViews } from '../../../data.ts';
import { absoluteUrl, indicatorUrl } from '../../../lib/urls.ts';

/** The chart image of an indicator, with title, target, deadline, source, licence, site, address and date. */
export const getStaticPaths = (() => indicatorViews().map((v) => ({ params: { id: v.indicator.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const id = String(params.id);
  const url = absoluteUrl(indicatorUrl(id), site);
  return new Response(indicatorChartImage(id, url), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
