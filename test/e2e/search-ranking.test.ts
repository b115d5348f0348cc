import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { buildRecordIndex } from '../../src/lib/search/record-index.ts';

const browserPath = browserAvailability();

/**
 * The site's ranking layer over its two indexes, proved against stand-ins that answer the way
 * the real ones do on a 30,000-page site: a record index holding near-namesakes (the records'
 * names are searched there, issue 30), and a Pagefind that knows only prose. The fixture is too
 * small for misranking, and the order the reader sees must not depend on luck.
 */
const RECORD_INDEX = buildRecordIndex({
  problems: ['12', '13', '1'].map((n) => ({
    id: `P${n}`,
    title: `河道污水直排问题${n}`,
    description: '群众反映河道有污水直排。',
    status: '待整改' as const,
    reported: '2019-01-01',
  })),
  enterprises: [
    { uscc: 'R1', name: '（示例）红色企业甲有限公司', industry: '化工', village: 'v' },
    { uscc: 'R2', name: '（示例）乙丙化工有限公司', industry: '化工', village: 'v' },
    { uscc: 'J1', name: '（示例）嘉合澄川印刷有限公司5185号', industry: '印刷', village: 'v' },
    { uscc: 'C1', name: '（示例）澄川嘉合印刷有限公司15399号', industry: '印刷', village: 'v' },
  ],
  ratings: [
    { uscc: 'R1', period: '2019', rating: '黄色', reason: undefined },
    { uscc: 'R2', period: '2019', rating: '红色', reason: undefined },
  ],
  villages: [],
});

/** Pagefind with prose only: the plan's section on red-rated enterprises. */
const FAKE_PAGEFIND = `
const pages = {
  '方案 · 信用评价': { url: '/plan/p/#s1', type: '计划原文', content: '对红色等级企业实行差别电价。' },
};
const answers = {
  '红牌': [], '红色等级': ['方案 · 信用评价'], '红色': ['方案 · 信用评价'],
};
window.__pagefindCalls = [];
export async function options() {}
export async function init() {}
export async function filters() { return {}; }
export async function search(q, o) {
  window.__pagefindCalls.push({ q, filters: o && o.filters });
  const titles = answers[q] || [];
  return { results: titles.map((title, i) => ({ id: title, score: 10 - i, data: async () => ({
    url: pages[title].url, excerpt: pages[title].content, content: pages[title].content, meta: { title, type: pages[title].type }, filters: {},
  }) })) };
}
`;

describe.skipIf(browserPath.skip)('search ranking layer', () => {
  const site = siteInBrowser();

  async function searchWithFakes(q: string): Promise<Page> {
    const p = await site.browser.newPage();
    await p.route('**/pagefind/pagefind.js', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_PAGEFIND }));
    await p.route('**/records-index/**', (route) => {
      const file = new URL(route.request().url()).pathname.replace(/^.*\/records-index\//, '');
      const body = RECORD_INDEX.get(file);
      return body === undefined ? route.fulfill({ status: 404 }) : route.fulfill({ contentType: 'application/json', body });
    });
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent(q)}`);
    await p.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
    return p;
  }
  const titles = (p: Page) => p.locator('.search-results .result-title').allTextContents();
  const pagefindCalls = (p: Page) =>
    p.evaluate(() => (window as unknown as { __pagefindCalls?: Array<{ q: string | null; filters: unknown }> }).__pagefindCalls ?? []);

  it('shows the exact title first when the index holds near-namesakes listed before it', async () => {
    const p = await searchWithFakes('河道污水直排问题1');
    expect(await titles(p)).toEqual(['河道污水直排问题1', '河道污水直排问题12', '河道污水直排问题13']);
    // An exact title is a name query: Pagefind is not asked.
    expect(await pagefindCalls(p)).toEqual([]);
    await p.close();
  });

  it('finds a name whatever words Pagefind would cut it into, shows it first, and asks no Pagefind', async () => {
    const p = await searchWithFakes('（示例）澄川嘉合印刷有限公司15399号');
    expect(await pagefindCalls(p)).toEqual([]);
    expect((await titles(p))[0]).toBe('（示例）澄川嘉合印刷有限公司15399号');
    await p.close();
  });

  it('searches the synonyms too, in both indexes, and shows what they find', async () => {
    const p = await searchWithFakes('红牌');
    expect((await pagefindCalls(p)).map((c) => c.q)).toEqual(['红牌', '红色等级', '红色']);
    expect(await titles(p)).toEqual(['（示例）红色企业甲有限公司', '方案 · 信用评价']);
    await p.close();
  });

  it('answers the filter-only “红色企业” from the record index: the enterprises whose latest colour is 红色', async () => {
    const p = await searchWithFakes('红色企业');
    expect(await pagefindCalls(p)).toEqual([]);
    expect(await titles(p)).toEqual(['（示例）乙丙化工有限公司']);
    await p.close();
  });
});
