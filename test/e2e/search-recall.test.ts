import { afterAll, describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { FIXTURE, SITE_BASE, SITE_DIR } from '../helpers/paths.ts';
import { searchProbes } from '../helpers/search-probes.ts';

/**
 * Sampled recall: queries drawn with a fixed seed from the data the site was built from — runs
 * of characters from the plans, exact problem titles, enterprise names (as written and without
 * 有限公司 and the sample marker), codes and ids, village names, the list pages' sections, problem
 * titles in everyday words — each must find its own page near the top; a village name with one
 * character wrong must be suggested (“你是不是要找”).
 *
 * Runs on the fixture in `npm test`. For a generated set (issue "Search at scale": M):
 *   node scripts/generate-data.ts --out /tmp/m --size M
 *   DATA_DIR=/tmp/m/data CONTENT_DIR=/tmp/m/content OUT_DIR=/tmp/m/dist BASE_PATH=/gushan/ npx astro build
 *   REUSE_SITES=1 RECALL_SET=/tmp/m RECALL_SITE=/tmp/m/dist npx vitest run --project site test/e2e/search-recall.test.ts
 */
const SET = process.env.RECALL_SET ?? FIXTURE;
const DIST = process.env.RECALL_SITE ?? SITE_DIR;
const SAMPLES = Number(process.env.RECALL_SAMPLES ?? 12);

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)(`sampled search recall on ${SET === FIXTURE ? 'the fixture' : SET}`, () => {
  const site = siteInBrowser(DIST, SITE_BASE);
  const tally = new Map<string, { found: number; total: number; misses: string[] }>();
  afterAll(() => {
    for (const [kind, t] of tally)
      console.info(`search recall: ${kind} ${t.found}/${t.total}${t.misses.length ? `; missed: ${t.misses.slice(0, 5).join('、')}` : ''}`);
  });

  it('finds each sampled query’s own page near the top', async () => {
    const page = await site.browser.newPage();
    // One search page, as a reader uses it: each query typed in and submitted (a fresh page per
    // query is search.test.ts's; here it would only load the same page a hundred times).
    await page.goto(`${site.server.root}search/`);
    await page.waitForFunction(() => customElements.get('site-search') !== undefined);
    for (const p of searchProbes(SET, SAMPLES)) {
      await page.evaluate((q) => {
        const form = document.querySelector<HTMLFormElement>('site-search form')!;
        form.querySelector<HTMLInputElement>('input[type=search]')!.value = q;
        document.querySelector('[data-search-status]')!.textContent = '';
        form.requestSubmit();
      }, p.q);
      await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
      // A section's page is its list page and its anchor; a misspelt village's is the suggestion.
      const top = await page
        .locator(p.suggest ? '[data-suggest] a' : '.search-results .result-title')
        .evaluateAll(
          (els, n) => els.slice(0, n).map((e) => new URL((e as HTMLAnchorElement).href).pathname + new URL((e as HTMLAnchorElement).href).hash),
          p.within,
        );
      const t = tally.get(p.kind) ?? { found: 0, total: 0, misses: [] };
      t.total++;
      if (top.some((u) => p.pages.some((page) => u === `${SITE_BASE}${page}` || (!page.includes('#') && u.startsWith(`${SITE_BASE}${page}#`))))) t.found++;
      else t.misses.push(p.q);
      tally.set(p.kind, t);
    }
    await page.close();
    // Titles, names, codes and ids: every one. Plan fragments: nearly every one (a 4-character run
    // can be a phrase that many record pages repeat).
    for (const [kind, t] of tally)
      expect(t.found / t.total, `${kind}: ${t.found}/${t.total}, missed ${t.misses.join('、')}`).toBeGreaterThanOrEqual(kind === '方案原文片段' ? 0.9 : 1);
  });
});
