/** Feed readers and browsers find the two feeds from any page: <link rel="alternate"> in every page's head. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readHtml } from '../helpers/html.ts';
import { SITE_BASE } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { CHANGES_FEED_TITLE, PROBLEMS_FEED_TITLE, villageFeedTitle } from '../../src/lib/site.ts';

describe('feed discovery', () => {
  it('names both feeds, with their titles, in the head of every page of the site (a village page its own third)', () => {
    const villageNames = new Map(csvRows(FIXTURE_SITE, 'villages').map((v) => [v.id!, v.name!]));
    const pages = listFiles(FIXTURE_SITE.dir).filter((f) => f.endsWith('.html') && !f.startsWith('embed/'));
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const links = readHtml(FIXTURE_SITE.dir, file).querySelectorAll('head link[rel=alternate][type="application/rss+xml"]');
      const village = /^villages\/([^/]+)\/index\.html$/.exec(file)?.[1];
      const own = village ? [[villageFeedTitle(villageNames.get(village)!), `${SITE_BASE}villages/${village}/feed.xml`]] : [];
      expect(
        links.map((l) => [l.getAttribute('title'), l.getAttribute('href')]),
        file,
      ).toEqual([[PROBLEMS_FEED_TITLE, `${SITE_BASE}feed.xml`], [CHANGES_FEED_TITLE, `${SITE_BASE}changes.xml`], ...own]);
    }
    for (const feed of ['feed.xml', 'changes.xml']) expect(existsSync(join(FIXTURE_SITE.dir, feed)), feed).toBe(true);
  });
});
