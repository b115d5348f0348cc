import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorChartImage, indicatorViews, recordPageKey } from '../../../data.ts';
import { buildDate } from '../../../build/config.ts';
import { absoluteUrl, indicatorUrl } from '../../../lib/urls.ts';

/** The chart image of an indicator, with title, target, deadline, source, licence, site, address and date. */
/** Dated by the build: kept between builds of one day whose indicator and site are unchanged (as its embed). */
export const getStaticPaths = (async () =>
  Promise.all(
    indicatorViews().map(async (view) => ({
      params: { id: view.indicator.id },
      cacheKey: await recordPageKey('indicators/[id]/chart.svg', { view, date: buildDate() }),
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const id = String(params.id);
  const url = absoluteUrl(indicatorUrl(id), site);
  return new Response(indicatorChartImage(id, url), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
