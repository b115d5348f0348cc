import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { problemRegister, recordName, rows, villageNames } from '../data.ts';
import { byDate, responseKey } from '../lib/responses.ts';
import { WHOLE_TOWN } from '../lib/display.ts';
import { PROBLEMS_FEED_TITLE } from '../lib/site.ts';
import { xmlSafeDeep, xmlText } from '../lib/publishing/xml.ts';
import { absoluteUrl, homeUrl, problemUrl, responseUrl } from '../lib/urls.ts';

/** Feed readers treat an RSS description as HTML: escape it so that its text stays text. */
const asHtmlText = xmlText;

/** Objections and replies carried by the feed: the newest few, beside the problems. */
const RESPONSES_IN_FEED = 20;

/** RSS feed of the 50 newest problems and the newest objections and replies, linked to their pages. */
export const GET: APIRoute = async ({ site }) => {
  const villages = villageNames();
  const problems = problemRegister().problems.slice(0, 50);
  const nameOf = recordName();
  const responses = await Promise.all(
    [...rows('responses')]
      .sort((a, b) => byDate(b, a))
      .slice(0, RESPONSES_IN_FEED)
      .map(async (r) => ({
        title: `${r.party}${r.kind}${r.outcome ? `（${r.outcome}）` : ''}：${await nameOf(r.table, responseKey(r))}`,
        link: absoluteUrl(responseUrl(r.table, responseKey(r), r.id) ?? homeUrl(), site),
        pubDate: new Date(`${r.date}T00:00:00+08:00`),
        description: asHtmlText(`${r.id} · ${r.text}`),
        categories: ['异议与回应'],
      })),
  );
  // Strings reach the feed from data and git: strip what XML forbids, or one character makes the feed unreadable.
  return rss(
    xmlSafeDeep({
      title: PROBLEMS_FEED_TITLE,
      description: '顾山镇突出环境问题的最新曝光和整改情况（示例数据）。',
      site: absoluteUrl(homeUrl(), site),
      items: [
        ...problems.map((p) => ({
          title: `${p.id} ${p.title}（${p.status}）`,
          link: absoluteUrl(problemUrl(p.id), site),
          pubDate: new Date(`${p.reported}T00:00:00+08:00`),
          description: asHtmlText(`${p.village ? (villages.get(p.village) ?? p.village) : WHOLE_TOWN} · ${p.categories.join('、')} · ${p.description}`),
          categories: [...p.categories],
        })),
        ...responses,
      ].sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()),
      customData: '<language>zh-cn</language>',
    }),
  );
};
