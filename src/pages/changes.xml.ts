import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { changeLog, verdictChangesByCommit } from '../data.ts';
import { tableTitle } from '../schemas/index.ts';
import { countsText, recordCount } from '../lib/history/history-view.ts';
import { verdictText } from '../lib/history/verdict-changes.ts';
import { CHANGE_KIND_LABEL } from '../lib/display.ts';
import { CHANGES_FEED_TITLE } from '../lib/site.ts';
import { xmlSafeDeep, xmlText } from '../lib/publishing/xml.ts';
import { absoluteUrl, commitUrl, homeUrl } from '../lib/urls.ts';

/** Feed readers treat an RSS description as HTML: escape it so that its text stays text. */
const asHtmlText = xmlText;
/** Records named in one item's description, at most. */
const NAMED = 20;

/** RSS feed of the 50 newest changes to the records (one item per commit), linked to their own pages (/changes/<address>/). */
export const GET: APIRoute = async ({ site }) => {
  const entries = (await changeLog()).slice(0, 50);
  const verdicts = await verdictChangesByCommit();
  // Strings reach the feed from data and git: strip what XML forbids, or one character makes the feed unreadable.
  return rss(
    xmlSafeDeep({
      title: CHANGES_FEED_TITLE,
      description: '本站公开数据的每一次修改：哪张表的哪些记录新增、修改或删除。',
      site: absoluteUrl(homeUrl(), site),
      items: entries.map((e) => ({
        // What changed, in Chinese; the committer's subject opens the description.
        title: `${e.day} ${e.heading}`,
        link: absoluteUrl(commitUrl(e.address), site),
        pubDate: new Date(e.commit.date),
        description: asHtmlText(
          [
            // The edits that turned a verdict first, then the commit's own words (the item's title says what changed).
            ...(verdicts.get(e.commit.id) ?? []).map((v) => `结论改变：${verdictText(v)}`),
            `提交说明：${e.commit.subject || '（无说明）'}（${e.commit.short}）`,
            ...e.tables.map((t) => {
              const named = t.records.slice(0, NAMED).map((r) => `${CHANGE_KIND_LABEL[r.kind]} ${r.label}${r.fields.length ? `：${r.fields.join('；')}` : ''}`);
              const more = recordCount(t) > NAMED ? `；另有 ${recordCount(t) - NAMED} 条` : '';
              return `${tableTitle(t.table)}（${t.path}）：${countsText(t)}${named.length ? `。${named.join('；')}${more}` : ''}`;
            }),
          ].join('\n'),
        ),
        categories: e.tables.map((t) => tableTitle(t.table)),
      })),
      customData: '<language>zh-cn</language>',
    }),
  );
};
