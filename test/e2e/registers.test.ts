import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { downloadedBytes, siteInBrowser } from '../helpers/site-browser.ts';
import { FIXTURE_DATA } from '../helpers/paths.ts';
import { FIXTURE_SITE } from '../helpers/sites.ts';

const browserPath = browserAvailability();
const csv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(FIXTURE_DATA, `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
const problems = csv('problems');
const enterprises = csv('enterprises');

describe.skipIf(browserPath.skip)('registers in Chromium', () => {
  const site = siteInBrowser();

  const rowIds = (page: Page) => page.locator('.problem-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));

  it('narrows the problem table by status and by village, keeps the filter in the URL, and restores it on reload', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}problems/`);
    const before = (await rowIds(page)).length;
    await page.selectOption('select[name=status]', '整改中');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('status') === '整改中');
    await page.waitForFunction((n) => document.querySelectorAll('.problem-table tbody tr').length !== n, before);
    const doing = await rowIds(page);
    expect(doing.sort()).toEqual(
      problems
        .filter((p) => p.status === '整改中')
        .map((p) => p.id)
        .sort(),
    );
    await page.selectOption('select[name=village]', 'beicun');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('village') === 'beicun');
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    const both = await rowIds(page);
    expect(both.sort()).toEqual(
      problems
        .filter((p) => p.status === '整改中' && p.village === 'beicun')
        .map((p) => p.id)
        .sort(),
    );
    expect(both.length).toBeLessThan(doing.length);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    expect(await page.locator('select[name=status]').inputValue()).toBe('整改中');
    expect(await page.locator('select[name=village]').inputValue()).toBe('beicun');
    expect((await rowIds(page)).sort()).toEqual(both.sort());
    const ms = Number(await page.locator('problem-register').getAttribute('data-filter-ms'));
    expect(ms).toBeLessThan(100);
    await page.close();
  });

  it('filters everything unfinished (未完成) and everything late (逾期)', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${site.server.root}problems/`);
    await page.selectOption('select[name=status]', '未完成');
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    expect((await rowIds(page)).sort()).toEqual(
      problems
        .filter((p) => p.status === '待整改' || p.status === '整改中')
        .map((p) => p.id)
        .sort(),
    );
    await page.selectOption('select[name=status]', '');
    await page.selectOption('select[name=late]', '逾期');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('late') === '逾期');
    await page.waitForFunction(() => document.querySelectorAll('.problem-table tbody tr').length === 7);
    expect((await rowIds(page)).sort()).toEqual(['GS-2018-001', 'GS-2018-002', 'GS-2018-003', 'GS-2019-001', 'GS-2019-004', 'GS-2019-005', 'GS-2019-007']);
    // The cloned rows carry the same flags as the server's rows.
    expect(await page.locator('.problem-table tbody tr[data-id="GS-2018-002"] [data-late]').textContent()).toContain('逾期完成');
    expect(await page.locator('.problem-table tbody tr[data-id="GS-2018-002"] [data-text="closed"]').textContent()).toBe('2018-12-20');
    expect(await page.locator('.problem-table tbody tr[data-id="GS-2019-001"] [data-late]').textContent()).toContain('逾期未完成');
    await page.close();
  });

  it('can be filtered with the keyboard alone', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}problems/`);
    let name = '';
    for (let i = 0; i < 40 && name !== 'status'; i++) {
      await page.keyboard.press('Tab');
      name = await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name ?? '');
    }
    expect(name).toBe('status');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('status'));
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    const status = new URL(page.url()).searchParams.get('status');
    const shown = await page
      .locator('.problem-table tbody [data-status]')
      .evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.status))]);
    expect(shown).toEqual([status]);
    await page.close();
  });

  it('sorts by a column, both ways', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}problems/?category=${encodeURIComponent('水')}`);
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    await page.getByRole('button', { name: '整改期限' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'deadline');
    const asc = await page.locator('.problem-table tbody tr td:nth-child(7)').allTextContents();
    expect(asc).toEqual([...asc].sort());
    await page.getByRole('button', { name: '整改期限' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('dir') === 'desc');
    const desc = await page.locator('.problem-table tbody tr td:nth-child(7)').allTextContents();
    expect(desc).toEqual([...asc].reverse());
    await page.close();
  });

  it('downloads exactly the visible rows, with every column, for Excel', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(`${site.server.root}problems/?category=${encodeURIComponent('大气')}&year=2018`);
    await page.waitForFunction(() => document.querySelector('[data-register-status]')?.textContent?.includes('符合条件'));
    const visible = await rowIds(page);
    expect(visible.length).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download]')]);
    const text = (await downloadedBytes(download)).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(Object.keys(problems[0]!));
    // Codes are kept as text with ="…", as in the server's file.
    expect(rows.slice(1).map((r) => r[0]!.replace(/^="(.*)"$/, '$1'))).toEqual(visible);
    // One encoder: each row is the server's /data/problems-excel.csv row for that problem, cell for cell.
    const server = Papa.parse<string[]>(readFileSync(join(FIXTURE_SITE.dir, 'data/problems-excel.csv'), 'utf8').slice(1), { skipEmptyLines: true }).data;
    const byId = new Map(server.map((r) => [r[0], r]));
    expect(server[0]).toEqual(rows[0]);
    expect(rows.slice(1)).toEqual(rows.slice(1).map((r) => byId.get(r[0])));
    await page.close();
  });

  it('lets a reader without JavaScript reach every problem through the numbered pages', async () => {
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const seen = new Set<string>();
    let url: string | null = `${site.server.root}problems/`;
    while (url) {
      await page.goto(url);
      for (const id of await rowIds(page)) seen.add(id);
      const next = page.locator('.pagination a[rel=next]');
      url = (await next.count()) ? new URL((await next.getAttribute('href'))!, site.server.origin).href : null;
    }
    expect([...seen].sort()).toEqual(problems.map((p) => p.id).sort());
    expect(await page.locator('form.register-filters').isVisible()).toBe(false);
    await ctx.close();
  });

  it('sorts the enterprise list on a phone by rating, change and name with the header buttons, and keeps the order when filtering', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${site.server.root}credit/`);
    const names = () => page.locator('.credit-table tbody tr th a').allTextContents();
    const ratings = () =>
      page.locator('.credit-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector<HTMLElement>('[data-rating]')?.dataset.rating ?? ''));
    const sortedBy = () =>
      page.locator('.credit-table thead th[aria-sort]').evaluateAll((ths) => ths.map((th) => [th.textContent?.trim(), th.getAttribute('aria-sort')]));
    const scale = ['绿色', '蓝色', '黄色', '红色', '黑色'];
    const rank = (rs: string[]) => rs.map((r) => scale.indexOf(r));
    const pinyin = await names();
    const button = (label: string) => page.locator('.credit-table thead button', { hasText: label });
    // The header is hidden on phones; its sort buttons are not.
    await expect.poll(() => button('信用等级').isVisible()).toBe(true);
    // …and the cards still show each enterprise's name.
    expect(await page.locator('.credit-table tbody tr th a').first().isVisible()).toBe(true);
    expect(await sortedBy()).toEqual([['企业名称', 'ascending']]);

    await button('信用等级').click();
    expect(await sortedBy()).toEqual([['信用等级', 'ascending']]);
    const up = rank(await ratings());
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(new Set(up).size).toBeGreaterThan(2);
    await button('信用等级').click();
    expect(await sortedBy()).toEqual([['信用等级', 'descending']]);
    const down = rank(await ratings());
    expect(down).toEqual([...down].sort((a, b) => b - a));

    // A filter redraws the rows: they stay in the reader's order.
    await page.fill('credit-list input[name=q]', '有限公司');
    await page.waitForFunction(() => document.querySelector('credit-list [data-list-status]')?.textContent?.includes('符合条件'));
    const filtered = rank(await ratings());
    expect(filtered.length).toBe(down.length);
    expect(filtered).toEqual([...filtered].sort((a, b) => b - a));

    await button('较上期').click();
    expect(await sortedBy()).toEqual([['较上期', 'ascending']]);
    const changes = await page
      .locator('.credit-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector<HTMLElement>('td [data-change]')?.dataset.change ?? ''));
    const order = ['downgraded', 'upgraded', 'new', 'unchanged'];
    expect(changes.map((c) => order.indexOf(c))).toEqual(changes.map((c) => order.indexOf(c)).sort((a, b) => a - b));

    await button('企业名称').click();
    expect(await names()).toEqual(pinyin);
    await button('企业名称').click();
    expect(await names()).toEqual([...pinyin].reverse());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });

  it('filters the enterprise list by rating and finds an enterprise by part of its code', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}credit/`);
    const all = await page.locator('.credit-table tbody tr').count();
    await page.selectOption('credit-list select[name=rating]', '黑色');
    await page.waitForFunction(() => document.querySelector('credit-list [data-list-status]')?.textContent?.includes('符合条件'));
    const black = await page.locator('.credit-table tbody [data-rating]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rating));
    expect(black.length).toBeGreaterThan(0);
    expect(black.length).toBeLessThan(all);
    expect(new Set(black)).toEqual(new Set(['黑色']));
    expect(new URL(page.url()).searchParams.get('rating')).toBe('黑色');
    await page.selectOption('credit-list select[name=rating]', '');
    const target = enterprises[7]!;
    await page.fill('credit-list input[name=q]', target.uscc!.slice(8, 14).toLowerCase());
    await page.waitForFunction(
      (u) => [...document.querySelectorAll('.credit-table tbody tr')].some((tr) => (tr as HTMLElement).dataset.uscc === u),
      target.uscc,
    );
    const found = await page.locator('.credit-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.uscc));
    expect(found).toContain(target.uscc);
    expect(found.length).toBeLessThanOrEqual(3);
    // Every badge, server-rendered or drawn by the script, carries its label.
    for (const text of await page.locator('.rating-badge').allTextContents()) expect(text).toMatch(/绿色|蓝色|黄色|红色|黑色/);
    await page.close();
  });
});
