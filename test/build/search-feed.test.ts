import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { close, createIndex } from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/html.ts';
import { buildLogOf, ROOT, SEARCH_FEED_BATCH } from '../helpers/paths.ts';
import { readPagefindIndex, type IndexContent } from '../helpers/pagefind-index.ts';
import { FIXTURE_SITE } from '../helpers/sites.ts';
import { INDEX_CHUNK_LOCATIONS, INDEX_OPTIONS, searchRecord } from '../../src/integrations/pagefind.ts';
import { planSearchRecords } from '../../src/lib/search/search-records.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';

// The build hands rendered pages to Pagefind in batches while the rest render (src/middleware/
// page-feed.ts, src/integrations/pagefind.ts), so Pagefind reads pages on the second core
// while Astro renders on the first; the test sites use batches of 10 pages. The index must be
// the one Pagefind makes by reading the finished output folder itself: same pages, same words at
// the same places, same filters. Only the order pages were added in may differ, so the indexes
// are compared by URL (test/helpers/pagefind-index.ts).
describe('the search index built while pages are rendered (the fixture site)', () => {
  const site = FIXTURE_SITE;
  let reference: IndexContent;
  let built: IndexContent;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gushan-pf-ref-'));
    process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_LOCATIONS);
    const { index, errors } = await createIndex(INDEX_OPTIONS);
    if (!index) throw new Error(errors.join('; '));
    try {
      const added = await index.addDirectory({ path: site.dir });
      expect(added.errors).toEqual([]);
      const plans = validateDirs({ dataDir: site.dataDir, contentDir: site.contentDir, cwd: ROOT }).plans.values();
      for (const rec of planSearchRecords(plans)) expect((await index.addCustomRecord(searchRecord(rec))).errors).toEqual([]);
      expect((await index.writeFiles({ outputPath: join(tmp, 'pagefind') })).errors).toEqual([]);
    } finally {
      await close();
    }
    reference = readPagefindIndex(join(tmp, 'pagefind'));
    built = readPagefindIndex(join(site.dir, 'pagefind'));
  }, 120_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('read most prose pages in batches while the others were still being rendered, every one once, and no record page', () => {
    const html = listFiles(site.dir).filter((f) => f.endsWith('.html'));
    // Only the pages marked as prose are read: Pagefind would leave the others out after reading them.
    const prose = html.filter((f) => readFileSync(join(site.dir, f), 'utf8').includes('data-pagefind-body'));
    expect(prose.length).toBeGreaterThan(SEARCH_FEED_BATCH);
    expect(html.length - prose.length, 'record pages').toBeGreaterThan(SEARCH_FEED_BATCH);
    const line = readFileSync(buildLogOf(site.dir), 'utf8').match(/已为 (\d+) 个页面（其中 (\d+) 个在生成页面期间读取）/);
    expect(line, 'the index line of the build log').not.toBeNull();
    expect(Number(line![1])).toBe(prose.length);
    const during = Number(line![2]);
    expect(during % SEARCH_FEED_BATCH).toBe(0);
    expect(during).toBeGreaterThan(0);
  });

  it('holds the pages Pagefind finds reading the output folder, with the same text, titles and filters', () => {
    // Prose only since issue 30 (plan sections, indicators, explanatory pages): record pages are
    // found through the record index (test/build/record-index.test.ts), so fewer than the 50 before.
    expect(built.pages.size).toBeGreaterThan(40);
    expect([...built.pages.keys()].sort()).toEqual([...reference.pages.keys()].sort());
    const differing = [...reference.pages].filter(([url, f]) => !isDeepStrictEqual(f, built.pages.get(url))).map(([url]) => url);
    expect(differing).toEqual([]);
    expect(built.filters).toEqual(reference.filters);
  });

  it('has every word on the same pages at the same places', () => {
    expect(built.words.size).toBeGreaterThan(1000);
    expect([...built.words.keys()].sort()).toEqual([...reference.words.keys()].sort());
    const differing = [...reference.words].filter(([w, p]) => built.words.get(w) !== p).map(([w]) => w);
    expect(differing).toEqual([]);
  });
});
