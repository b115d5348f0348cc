/**
 * The three people of the site, each doing a task end to end at 320, 375 and 1280 px on the
 * fixture site: a resident finds her village by name and sees what is due there; a journalist
 * reaches the first problem of the register, reads the disclosure figure with what it counts, and
 * an indicator's chart that says where its axis does not start at zero; an editor goes from the
 * data pages to the CSV checker and gets every problem of a file saved by Excel in one pass.
 * Nothing on the way is wider than the screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { materialise } from '../helpers/fixtures.ts';
import { firstRecordY } from '../helpers/narrow-text.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

const browserPath = browserAvailability();
const WIDTHS = [320, 375, 1280] as const;

// Made once: the tests below run side by side.
// The fixture's problems.csv saved by Excel as plain "CSV" (GBK), with 2019/2/14 and 整改完成 in it.
const SAVED_BY_EXCEL = readFileSync(join(materialise('encoding-gbk-cells'), 'data/problems.csv'));

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(browserPath.skip)('the three people’s tasks', () => {
  const site = siteInBrowser();

  for (const width of WIDTHS) {
    it.concurrent(`a resident finds her village by name and what is due there, at ${width} px`, async ({ expect }) => {
      const page = await site.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${site.server.root}search/?q=${encodeURIComponent('湖心村')}`);
      await page.waitForSelector('.search-results li');
      const first = page.locator('.search-results li a.result-title').first();
      expect(await first.getAttribute('href')).toMatch(/\/villages\/huxin\/$/);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await first.click();
      await page.waitForURL(/\/villages\/huxin\/$/);
      expect(await page.locator('h1').textContent()).toContain('湖心村');
      expect(await page.locator('main').textContent()).toContain('到期事项');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.close();
    });

    it.concurrent(`a journalist reaches the register’s first problem, the disclosure figure and an honest chart, at ${width} px`, async ({ expect }) => {
      const page = await site.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${site.server.root}problems/`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(firstRecordY, 'table.problem-table tbody tr[data-id]')).toBeLessThanOrEqual(2400);
      // The figure says over how many records it is computed, from the authority's disclosure date.
      expect(await page.locator('[data-disclosure-summary]').textContent()).toMatch(/公开及时性按 \d+ 条有公开日期的记录计算/);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`${site.server.root}indicators/arable-land-kept/`);
      await page.waitForSelector('indicator-chart[data-ready] canvas');
      const note = page.locator('[data-axis-note]');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toMatch(/不从 0 开始.*变化幅度：.*%/s);
      expect(await page.locator('[data-cite="gbt"]').textContent()).toContain('[DS/OL]');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.close();
    });

    it.concurrent(`an editor goes from the data pages to the checker and gets every problem in one pass, at ${width} px`, async ({ expect }) => {
      const page = await site.browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${site.server.root}data/`);
      await page.locator('[data-data-nav] a', { hasText: 'CSV 检查器' }).click();
      await page.waitForURL(/\/data\/check\/$/);
      await page.setInputFiles('#check-file', { name: '整改台账.csv', mimeType: 'text/csv', buffer: SAVED_BY_EXCEL });
      await page.waitForFunction(() => document.querySelector('.check-summary')?.textContent?.includes('发现') ?? false);
      expect(await page.locator('.check-summary').textContent()).toContain('整改台账.csv 中发现 3 个问题');
      const messages = await page.locator('.check-result li span').allTextContents();
      expect(messages).toHaveLength(3);
      expect(messages[1]).toContain('应写成“已整改”；改为“已整改”后还要改列 closed');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.close();
    });
  }
});
