import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorViews, publishedTableKey } from '../../data.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. */
export const getStaticPaths = (async () =>
  Promise.all(
    indicatorViews().map(async (v) => ({
      params: { id: v.indicator.id },
      props: { id: v.indicator.id },
      cacheKey: await publishedTableKey('indicators/[id]-excel.csv', indicatorTable(v.indicator.id)),
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(excelCsv(indicatorTable(String(props.id))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
