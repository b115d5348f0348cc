import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { rows } from '../collections.ts';
import { newestFirst } from '../lib/problems.ts';
import { SITE_NAME } from '../lib/site.ts';
import { absoluteUrl } from '../lib/urls.ts';

/** RSS feed of the 50 newest problems. Links carry the base path. */
export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const villages = new Map((await rows('villages')).map((v) => [v.id, v.name]));
  const problems = newestFirst(await rows('problems')).slice(0, 50);
  return rss({
    title: `${SITE_NAME}：最新曝光的环境问题`,
    description: '顾山镇突出环境问题的最新曝光和整改情况（示例数据）。',
    site: absoluteUrl(site, base, ''),
    items: problems.map((p) => ({
      title: `${p.id} ${p.title}（${p.status}）`,
      link: absoluteUrl(site, base, `problems/${p.id}/`),
      pubDate: new Date(`${p.reported}T00:00:00+08:00`),
      description: `${p.village ? (villages.get(p.village) ?? p.village) : '全镇'} · ${p.categories.join('、')} · ${p.description}`,
      categories: [...p.categories],
    })),
    customData: '<language>zh-cn</language>',
  });
};
