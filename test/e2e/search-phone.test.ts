import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

const browserPath = browserAvailability();

/**
 * Search as a resident uses it on a phone: results first, filters folded, every result
 * reachable, snippets that read, and a page that does not jump when the results arrive.
 */
describe.skipIf(browserPath.skip)('search on a phone', () => {
  const site = siteInBrowser();

  async function settle(p: Page): Promise<void> {
    await p.waitForFunction(() => {
      const s = document.querySelector('[data-search-status]')?.textContent ?? '';
      return s !== '' && s !== '正在搜索…';
    });
  }
  async function open(q: string, width: number): Promise<Page> {
    const p = await site.browser.newPage({ viewport: { width, height: width < 500 ? 740 : 900 } });
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent(q)}`);
    await settle(p);
    return p;
  }

  for (const width of [320, 375, 1280]) {
    it(`does not shift the layout when the results of a ?q= link arrive (CLS 0 at ${width} px)`, async () => {
      const p = await site.browser.newPage({ viewport: { width, height: width < 500 ? 740 : 900 } });
      await p.addInitScript(() => {
        const w = window as unknown as { __shifts: Array<{ value: number; nodes: string[] }> };
        w.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean; sources: Array<{ node?: Node | null }> }>) {
            if (!e.hadRecentInput)
              w.__shifts.push({
                value: e.value,
                nodes: e.sources.map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName))),
              });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await p.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
      await settle(p);
      expect(await p.locator('.search-results li').count()).toBeGreaterThan(0);
      // Let late work (fonts, the filter options) land before reading the shifts.
      await p.waitForTimeout(500);
      const shifts = await p.evaluate(() => (window as unknown as { __shifts: Array<{ value: number; nodes: string[] }> }).__shifts);
      expect(shifts).toEqual([]);
      await p.close();
    });
  }

  it('puts the first result in the first screen at 375 px, with the filters folded behind 筛选', async () => {
    const p = await open('水质', 375);
    const box = p.locator('.search-filters-box');
    expect(await box.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await p.getByRole('group', { name: '类型' }).isVisible()).toBe(false);
    const first = await p.locator('.search-results li').first().boundingBox();
    expect(first!.y).toBeLessThan(740 - 60);
    // Only one search box in the first screen: the header's is folded away on this page.
    expect(await p.locator('#site-search-q').isVisible()).toBe(false);
    await p.getByText('筛选', { exact: true }).click();
    await p.getByRole('group', { name: '类型' }).waitFor({ state: 'visible' });
    await p.close();
  });

  it('fetches the filter options only when the reader opens 筛选', async () => {
    const p = await site.browser.newPage({ viewport: { width: 375, height: 740 } });
    const filterRequests: string[] = [];
    p.on('request', (r) => {
      if (r.url().includes('/pagefind/filter/')) filterRequests.push(r.url());
    });
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
    await settle(p);
    await p.waitForLoadState('networkidle');
    expect(filterRequests).toEqual([]);
    await p.getByText('筛选', { exact: true }).click();
    await p.getByRole('group', { name: '类型' }).getByLabel('企业').waitFor();
    expect(filterRequests.length).toBeGreaterThan(0);
    await p.close();
  });

  it('reaches every result with 显示更多, and says how many are shown', async () => {
    const p = await open('示例', 375);
    const status = (await p.locator('[data-search-status]').textContent()) ?? '';
    const total = Number(/找到 (\d+) 个结果/.exec(status)?.[1]);
    expect(total).toBeGreaterThan(20);
    expect(status).toBe(`找到 ${total} 个结果，已显示 20 个。`);
    const more = p.getByRole('button', { name: /显示更多/ });
    expect(await more.textContent()).toBe(`显示更多（还有 ${total - 20} 个）`);
    let lastShown = 0;
    while (await more.isVisible()) {
      const before = await p.locator('.search-results li').count();
      lastShown = before;
      await more.click();
      await p.waitForFunction((n) => document.querySelectorAll('.search-results li').length > n, before);
    }
    await p.waitForFunction((n) => document.querySelectorAll('.search-results li').length === n, total);
    expect(await p.locator('[data-search-status]').textContent()).toBe(`找到 ${total} 个结果。`);
    // The reader continues at the first of the new results (of the last click, however many clicks the fixture needs).
    expect(lastShown).toBeGreaterThanOrEqual(20);
    expect(await p.evaluate(() => [...document.querySelectorAll('.search-results li')].indexOf(document.activeElement!.closest('li')!))).toBe(lastShown);
    const urls = await p.locator('.search-results .result-title').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    expect(new Set(urls).size).toBe(total);
    await p.close();
  });

  it('shows an enterprise result with its latest colour and a problem result with its status, each in words', async () => {
    const p = await open('申酉精细化工有限公司', 375);
    const ent = p.locator('.search-results li', { has: p.locator('.result-type', { hasText: '企业' }) }).first();
    const rating = ent.locator('[data-rating]');
    expect(await rating.count()).toBe(1);
    expect(await rating.textContent()).toMatch(/^(绿色|蓝色|黄色|红色|黑色)$/);
    await p.goto(`${site.server.root}search/?q=${encodeURIComponent('养殖废水')}&type=${encodeURIComponent('问题')}`);
    await settle(p);
    const prob = p.locator('.search-results li').first();
    expect(await prob.locator('.result-type').textContent()).toBe('问题');
    expect(await prob.locator('.result-meta [data-status]').getAttribute('data-status')).toMatch(/^(待整改|整改中|已整改|已销号)$/);
    // In words, not colour alone (the icon is hidden from screen readers).
    expect(await prob.locator('.result-meta [data-status]').innerText()).toMatch(/(待整改|整改中|已整改|已销号)$/);
    await p.close();
  });

  // Enterprises are found through the record index now (issue 30): their snippet is its fields, labelled.
  it('keeps field labels apart from their values in snippets', async () => {
    const p = await open('申酉精细化工', 375);
    const ent = p.locator('.search-results li', { has: p.locator('.result-type', { hasText: '企业' }) }).first();
    const text = (await ent.locator('p').textContent()) ?? '';
    expect(text).toContain('统一社会信用代码：');
    // No label is glued to the value before it: "化工村（社区）" would read as a village called 化工村.
    expect(text).toMatch(/；行业：/);
    await p.close();
  });
});
