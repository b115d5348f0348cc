import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

const browserPath = browserAvailability();

/**
 * The site's ranking layer over Pagefind, proved against a stand-in for Pagefind that answers
 * the way the real one does on a 30,000-page site (near-namesakes first): the fixture is too
 * small to make Pagefind misrank, and the order the reader sees must not depend on luck.
 */
const FAKE_PAGEFIND = `
const pages = {
  '河道污水直排问题12': { url: '/problems/P12/', type: '问题' },
  '河道污水直排问题13': { url: '/problems/P13/', type: '问题' },
  '河道污水直排问题1': { url: '/problems/P1/', type: '问题' },
  '（示例）红色企业甲有限公司': { url: '/credit/R1/', type: '企业' },
  '（示例）嘉合澄川印刷有限公司5185号': { url: '/credit/J1/', type: '企业' },
  '（示例）澄川嘉合印刷有限公司15399号': { url: '/credit/C1/', type: '企业' },
};
const answers = {
  '河道污水直排问题1': ['河道污水直排问题12', '河道污水直排问题13', '河道污水直排问题1'],
  '红色': ['（示例）红色企业甲有限公司'],
  // As Pagefind at L: the name, cut into words differently than on its page, finds nothing.
  '澄川嘉合印刷': ['（示例）嘉合澄川印刷有限公司5185号'],
  '15399号': ['（示例）澄川嘉合印刷有限公司15399号'],
};
window.__pagefindCalls = [];
export async function options() {}
export async function init() {}
export async function filters() { return {}; }
export async function search(q, o) {
  window.__pagefindCalls.push({ q, filters: o && o.filters });
  const titles = answers[q] || [];
  return { results: titles.map((title, i) => ({ id: title, score: 10 - i, data: async () => ({
    url: pages[title].url, excerpt: title, content: title, meta: { title, type: pages[title].type }, filters: {},
  }) })) };
}
`;

describe.skipIf(browserPath.skip)('search ranking layer', () => {
  const site = siteInBrowser();

  async function searchWithFake(q: string): Promise<Page> {
    const p = await site.browser.newPage();
    await p.route('**/pagefind/pagefind.js', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_PAGEFIND }));
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent(q)}`);
    await p.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
    return p;
  }
  const titles = (p: Page) => p.locator('.search-results .result-title').allTextContents();

  it('shows the exact title first when Pagefind ranks its near-namesakes above it', async () => {
    const p = await searchWithFake('河道污水直排问题1');
    expect(await titles(p)).toEqual(['河道污水直排问题1', '河道污水直排问题12', '河道污水直排问题13']);
    await p.close();
  });

  it('finds a name Pagefind cuts into other words by asking for its parts, and shows it first', async () => {
    const p = await searchWithFake('（示例）澄川嘉合印刷有限公司15399号');
    const calls = await p.evaluate(() => (window as unknown as { __pagefindCalls: Array<{ q: string | null }> }).__pagefindCalls.map((c) => c.q));
    expect(calls).toEqual(['澄川嘉合印刷 15399号', '（示例）澄川嘉合印刷有限公司15399号', '澄川嘉合印刷', '15399号']);
    expect(await titles(p)).toEqual(['（示例）澄川嘉合印刷有限公司15399号', '（示例）嘉合澄川印刷有限公司5185号']);
    await p.close();
  });

  it('searches the synonyms too and shows what they find', async () => {
    const p = await searchWithFake('红牌');
    const calls = await p.evaluate(() => (window as unknown as { __pagefindCalls: Array<{ q: string | null }> }).__pagefindCalls.map((c) => c.q));
    expect(calls).toEqual(['红牌', '红色等级', '红色']);
    expect(await titles(p)).toEqual(['（示例）红色企业甲有限公司']);
    await p.close();
  });

  it('sends a filter-only search for “红色企业”', async () => {
    const p = await searchWithFake('红色企业');
    const calls = await p.evaluate(() => (window as unknown as { __pagefindCalls: Array<{ q: string | null; filters: unknown }> }).__pagefindCalls);
    expect(calls).toEqual([{ q: null, filters: { type: { any: ['企业'] }, rating: { any: ['红色'] } } }]);
    await p.close();
  });
});
