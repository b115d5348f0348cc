import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { problemsByVillage, recordHistory, recordPageKey, rows } from '../../../data.ts';
import { buildDate } from '../../../build/config.ts';
import { chinaDay } from '../../../lib/dates.ts';
import { villageFeedTitle } from '../../../lib/site.ts';
import { xmlSafeDeep, xmlText } from '../../../lib/publishing/xml.ts';
import { absoluteUrl, problemUrl, villageUrl } from '../../../lib/urls.ts';

/**
 * Its key: the village's rows of the register (with the flags of the build's day), their
 * timelines after withdrawals, and the day (an item says 截至 that day), so a day's builds keep
 * the feeds of the villages a commit did not touch.
 */
export const getStaticPaths = (async () =>
  Promise.all(
    rows('villages').map(async (v) => {
      const problems = problemsByVillage().get(v.id) ?? [];
      const timelines = await Promise.all(problems.map((p) => recordHistory('problems', p.id)));
      return {
        params: { id: v.id },
        props: { name: v.name },
        cacheKey: await recordPageKey('villages/[id]/feed.xml', { name: v.name, problems, timelines, date: buildDate() }),
      };
    }),
  )) satisfies GetStaticPaths;

/** Items in the feed, newest first, at most. */
const ITEMS = 100;

interface Item {
  title: string;
  link: string;
  /** Unique per event: the record's address and what happened, so a reader shows each once. */
  guid: string;
  pubDate: Date;
  description: string;
}

/** A day (YYYY-MM-DD) as a moment, at midnight China time (the data's dates are days in China). */
const onDay = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * RSS feed of one village's problems: each newly reported problem, each change of status the
 * data's history records, each completion (完成日期) and each deadline that passed with the
 * problem still open (as of the build date). Dates from the data are days; a status change is
 * dated by its commit. Built from the current rows and the history as src/data.ts gives it,
 * with withdrawals already applied.
 */
export const GET: APIRoute = async ({ site, params, props }) => {
  const village = params.id ?? '';
  const name = (props as { name: string }).name;
  const today = buildDate();
  const items: Item[] = [];
  for (const p of problemsByVillage().get(village) ?? []) {
    const link = absoluteUrl(problemUrl(p.id), site);
    const add = (what: string, day: string, at: Date, description: string) =>
      items.push({ title: `${p.id} ${p.title}（${what}）`, link, guid: `${link}#${what}-${day}`, pubDate: at, description });
    add('新曝光', p.reported, onDay(p.reported), `${p.reported} 发现或交办：${p.title}。${p.deadline ? `整改期限 ${p.deadline}。` : ''}`);
    const timeline = await recordHistory('problems', p.id);
    for (const e of timeline?.events ?? []) {
      if (e.kind !== 'changed') continue;
      const status = e.fields.find((f) => f.column === 'status');
      if (!status) continue;
      const day = chinaDay(e.commit.date) ?? e.commit.date.slice(0, 10);
      add(`${status.from} → ${status.to}`, day, new Date(e.commit.date), `${day} 整改状态由“${status.from}”改为“${status.to}”。`);
    }
    if (p.closed) add(p.status, p.closed, onDay(p.closed), `${p.closed} ${p.status}。${p.deadline ? `整改期限是 ${p.deadline}。` : ''}`);
    else if (p.deadline && p.deadline < today)
      add('整改期限已过，仍未完成', p.deadline, onDay(p.deadline), `整改期限 ${p.deadline} 已过，截至 ${today} 仍是“${p.status}”。`);
  }
  items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || (a.guid < b.guid ? -1 : 1));
  // Strings reach the feed from data and git: strip what XML forbids, or one character makes the feed unreadable.
  return rss(
    xmlSafeDeep({
      title: villageFeedTitle(name),
      description: `${name}的环境问题：新曝光、整改状态的变化、完成整改和逾期未完成的整改期限（示例数据）。`,
      site: absoluteUrl(villageUrl(village), site),
      items: items.slice(0, ITEMS).map((i) => ({
        title: i.title,
        link: i.link,
        pubDate: i.pubDate,
        // Feed readers treat an RSS description as HTML: escape it so that its text stays text.
        description: xmlText(i.description),
        customData: `<guid isPermaLink="false">${xmlText(i.guid)}</guid>`,
      })),
      customData: '<language>zh-cn</language>',
    }),
  );
};
