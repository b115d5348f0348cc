import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { axeViolations } from '../helpers/axe.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { FIXTURE_DATA, SITE_BASE } from '../helpers/paths.ts';

import { SEARCH_CASES } from './search-queries.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('search in Chromium', () => {
  const site = siteInBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  async function settle(p: Page): Promise<void> {
    await p.waitForFunction(() => {
      const s = document.querySelector('[data-search-status]')?.textContent ?? '';
      return s !== '' && s !== '正在搜索…';
    });
  }
  const top5 = (p: Page, withAnchor = false) =>
    p
      .locator('.search-results .result-title')
      .evaluateAll(
        (els, hash) => els.slice(0, 5).map((e) => new URL((e as HTMLAnchorElement).href).pathname + (hash ? new URL((e as HTMLAnchorElement).href).hash : '')),
        withAnchor,
      );

  it(`has at least 30 queries`, () => {
    expect(SEARCH_CASES.length).toBeGreaterThanOrEqual(30);
  });

  /**
   * A query typed into the search page and submitted, as a reader does after the first: the page
   * (and its search code) is loaded once, not once a query. A query with a type filter is a link (?type=).
   */
  async function submit(q: string): Promise<void> {
    const here = new URL(page.url());
    if (here.pathname !== `${SITE_BASE}search/` || here.searchParams.has('type')) {
      await page.goto(`${site.server.root}search/`);
      await page.waitForFunction(() => customElements.get('site-search') !== undefined);
    }
    await page.evaluate((query) => {
      const form = document.querySelector<HTMLFormElement>('site-search form')!;
      form.querySelector<HTMLInputElement>('input[type=search]')!.value = query;
      document.querySelector('[data-search-status]')!.textContent = '';
      form.requestSubmit();
    }, q);
    await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
  }

  for (const c of SEARCH_CASES) {
    it(`finds ${c.page} ${c.first ? 'first' : 'among the first five'} for “${c.q}”${c.type ? ` among ${c.type}` : ''} (${c.why})`, async () => {
      if (c.type) {
        await page.goto(`${site.server.root}search/?q=${encodeURIComponent(c.q)}&type=${encodeURIComponent(c.type)}`);
        await settle(page);
      } else await submit(c.q);
      const found = await top5(page, c.page.includes('#'));
      if (c.first) expect(found[0]).toBe(`${SITE_BASE}${c.page}`);
      else expect(found).toContain(`${SITE_BASE}${c.page}`);
    });
  }

  it('shows the results of a ?q= link on load, with type, excerpt and highlight', async () => {
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('丁字河')}`);
    await settle(page);
    expect(await page.locator('#search-q').inputValue()).toBe('丁字河');
    const first = page.locator('.search-results li').first();
    expect(await first.locator('.result-type').textContent()).toBe('指标');
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
  });

  it('narrows the results with a type filter and keeps it in the URL', async () => {
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('燃煤')}`);
    await settle(page);
    const all = await page.locator('.search-results li').count();
    await page.getByText('筛选', { exact: true }).click();
    await page.getByRole('group', { name: '类型' }).getByLabel('计划原文').check();
    await page.waitForFunction((n) => document.querySelectorAll('.search-results li').length < n, all);
    const types = await page.locator('.search-results .result-type').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['计划原文']));
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['计划原文']);
    await page.reload();
    await settle(page);
    // Folded, the control still says that a filter narrows the results.
    expect(await page.locator('.search-filters-box summary').textContent()).toBe('筛选（已选 1 项）');
    await page.locator('.search-filters-box summary').click();
    expect(await page.getByRole('group', { name: '类型' }).getByLabel('计划原文').isChecked()).toBe(true);
    expect(new Set(await page.locator('.search-results .result-type').allTextContents())).toEqual(new Set(['计划原文']));
  });

  const fixtureRows = (table: string) =>
    Papa.parse<Record<string, string>>(readFileSync(join(FIXTURE_DATA, `${table}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;

  it('reads “红牌企业” as the enterprises whose latest rating is 红色, and says so', async () => {
    const latest = new Map<string, Record<string, string>>();
    for (const r of fixtureRows('credit-ratings')) if ((latest.get(r.uscc!)?.period ?? '') < r.period!) latest.set(r.uscc!, r);
    const red = [...latest.values()]
      .filter((r) => r.rating === '红色')
      .map((r) => `${SITE_BASE}credit/${r.uscc}/`)
      .sort();
    expect(red.length).toBeGreaterThan(0);
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('红牌企业')}`);
    await settle(page);
    const urls = await page.locator('.search-results .result-title').evaluateAll((els) => els.map((e) => new URL((e as HTMLAnchorElement).href).pathname));
    expect(urls.sort()).toEqual(red);
    expect(await page.locator('[data-search-status]').textContent()).toBe(`找到 ${red.length} 个结果（已按类型：企业、信用等级：红色筛选）。`);
  });

  it('reads “未整改的问题” as every unfinished problem', async () => {
    const open = fixtureRows('problems')
      .filter((r) => r.status === '待整改' || r.status === '整改中')
      .map((r) => `${SITE_BASE}problems/${r.id}/`)
      .sort();
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('未整改的问题')}`);
    await settle(page);
    const urls = await page.locator('.search-results .result-title').evaluateAll((els) => els.map((e) => new URL((e as HTMLAnchorElement).href).pathname));
    expect(urls.sort()).toEqual(open);
  });

  it('can be used with the keyboard alone, from the header search box on any page', async () => {
    await page.goto(`${site.server.root}plan/`);
    await page.keyboard.press('Tab'); // skip link
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'site-search-q'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('site-search-q');
    await page.keyboard.type('黑臭');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search\/\?q=/);
    await settle(page);
    // Tab from the search box reaches the first result link.
    await page.focus('#search-q');
    let onResult = false;
    for (let i = 0; i < 40 && !onResult; i++) {
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => document.activeElement?.classList.contains('result-title') ?? false);
    }
    expect(onResult).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.endsWith('/search/'));
  });

  it('fetches the search code and index only once the reader searches', async () => {
    const p = await site.browser.newPage();
    const fetched: string[] = [];
    p.on('request', (r) => fetched.push(r.url()));
    await p.goto(`${site.server.root}search/`);
    await p.waitForLoadState('networkidle');
    expect(fetched.filter((u) => u.includes('/pagefind/'))).toEqual([]);
    await p.goto(`${site.server.root}indicators/`);
    await p.waitForLoadState('networkidle');
    expect(fetched.filter((u) => u.includes('/pagefind/'))).toEqual([]);
    await p.goto(`${site.server.root}search/`);
    await p.fill('#search-q', '水质');
    await settle(p);
    expect(fetched.some((u) => u.includes('/pagefind/pagefind.js'))).toBe(true);
    await p.close();
  });

  it('fetches a modest amount for one query (reported)', async () => {
    const p = await site.browser.newPage();
    // Each body is read as its response arrives; all of them are awaited before counting, so no read still under way is missed.
    const bodies: Array<Promise<number>> = [];
    p.on('response', (r) => {
      if (r.url().includes('/pagefind/'))
        bodies.push(
          r.body().then(
            (b) => b.length,
            () => 0,
          ),
        );
    });
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
    await settle(p);
    await p.waitForLoadState('networkidle');
    const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    console.info(`search: ${Math.round(bytes / 1024)} KB fetched for one query`);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(400 * 1024);
    await p.close();
  });

  it('suggests the village a name one character off means (“你是不是要找”)', async () => {
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('湖星村')}`);
    await settle(page);
    const suggest = page.locator('[data-suggest]');
    expect(await suggest.textContent()).toBe('你是不是要找：湖心村');
    expect(new URL((await suggest.locator('a').getAttribute('href'))!, site.server.root).pathname).toBe(`${SITE_BASE}villages/huxin/`);
    // Not for the village's own name.
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('湖心村')}`);
    await settle(page);
    expect(await suggest.isHidden()).toBe(true);
  });

  // Issue 30: a name, code or id is answered by the record index; Pagefind is not even loaded.
  for (const q of ['（示例）申酉精细化工有限公司', '91990000MA3JK6LM7L', 'GS-2017-001', '印染企业废气异味扰民，督察交办限期整改']) {
    it(`loads at most 60 KB on the wire for “${q}” on a fresh page, and no Pagefind (reported)`, async () => {
      const ctx = await site.browser.newContext();
      const p = await ctx.newPage();
      const requests: Array<import('playwright-core').Request> = [];
      p.on('requestfinished', (r) => requests.push(r));
      await p.goto(`${site.server.root}search/?q=${encodeURIComponent(q)}`);
      await settle(p);
      await p.waitForLoadState('networkidle');
      expect(await p.locator('.search-results li').count()).toBeGreaterThan(0);
      expect(requests.map((r) => r.url()).filter((u) => u.includes('/pagefind/'))).toEqual([]);
      let bytes = 0;
      for (const r of requests) {
        const sizes = await r.sizes();
        bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      }
      console.info(`search: ${(bytes / 1024).toFixed(1)} KB on the wire for “${q}” on a fresh page (${requests.length} requests)`);
      expect(bytes).toBeLessThanOrEqual(60 * 1024);
      await ctx.close();
    });
  }

  it('explains politely that search needs JavaScript when it is off', async () => {
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
    expect(await p.locator('main').textContent()).toContain('搜索在您的浏览器中进行，需要启用 JavaScript');
    await ctx.close();
  });

  for (const width of [375, 1280]) {
    it(`has no axe violations with results shown at ${width} px`, async () => {
      const p = await site.browser.newPage({ viewport: { width, height: 900 } });
      await p.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
      await settle(p);
      expect(await axeViolations(p)).toEqual([]);
      await p.close();
    });
  }
});
