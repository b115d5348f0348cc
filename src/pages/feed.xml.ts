import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { problemRegister, villageNames } from '../data.ts';
import { WHOLE_TOWN } from '../lib/display.ts';
import { PROBLEMS_FEED_TITLE } from '../lib/site.ts';
import { xmlSafeDeep, xmlText } from '../lib/publishing/xml.ts';
import { absoluteUrl, homeUrl, problemUrl } from '../lib/urls.ts';

/** Feed readers treat an RSS description as HTML: escape it so that its text stays text. */
const asHtmlText = xmlText;

/** RSS feed of the 50 newest problems, linked to their pages. */
export const GET: APIRoute = ({ site }) => {
  const villages = villageNames();
  const problems = problemRegister().problems.slice(0, 50);
  // Strings reach the feed from data and git: strip what XML forbids, or one character makes the feed unreadable.
  return rss(
    xmlSafeDeep({
      title: PROBLEMS_FEED_TITLE,
      description: '顾山镇突出环境问题的最新曝光和整改情况（示例数据）。',
      site: absoluteUrl(homeUrl(), site),
      items: problems.map((p) => ({
        title: `${p.id} ${p.title}（${p.status}）`,
        link: absoluteUrl(problemUrl(p.id), site),
        pubDate: new Date(`${p.reported}T00:00:00+08:00`),
        description: asHtmlText(`${p.village ? (villages.get(p.village) ?? p.village) : WHOLE_TOWN} · ${p.categories.join('、')} · ${p.description}`),
        categories: [...p.categories],
      })),
      customData: '<language>zh-cn</language>',
    }),
  );
};
