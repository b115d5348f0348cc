import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogue } from '../../../data.ts';
import { cslJson } from '../../../lib/publishing/cite.ts';
import { SITE_NAME } from '../../../lib/site.ts';
import { buildDate } from '../../../build/config.ts';
import { absoluteUrl, dataUrl } from '../../../lib/urls.ts';

/** CSL-JSON of one dataset, for reference managers: /data/cite/<table>.json. */
export const getStaticPaths = (() => catalogue().map((e) => ({ params: { table: e.name }, props: { entry: e } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const e = props.entry as ReturnType<typeof catalogue>[number];
  const item = cslJson({
    id: `gushan-${e.name}`,
    author: SITE_NAME,
    title: `${e.meta?.title ?? e.name}（${e.name}.csv）`,
    url: absoluteUrl(dataUrl(e.name), site),
    kind: 'DS',
    updated: e.lastChange,
    accessed: buildDate(),
    publisher: e.meta?.publisher,
    description: e.meta?.description,
  });
  return new Response(`${JSON.stringify([item], null, 1)}\n`, { headers: { 'Content-Type': 'application/vnd.citationstyles.csl+json; charset=utf-8' } });
};
