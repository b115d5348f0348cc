import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { axeViolations } from '../helpers/axe.ts';
import { materialise } from '../helpers/fixtures.ts';
import { FIXTURE_DATA } from '../helpers/paths.ts';

const browserPath = browserAvailability();
/** The fixture's problems.csv, as published on the fixture site. */
const realProblems = readFileSync(join(FIXTURE_DATA, 'problems.csv'), 'utf8');

describe.skipIf(browserPath.skip)('the in-browser CSV checker', () => {
  const site = siteInBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}data/check/`);
  });

  async function drop(name: string, buffer: Buffer): Promise<string[]> {
    await page.selectOption('#check-table', '');
    await page.setInputFiles('#check-file', { name, mimeType: 'text/csv', buffer });
    await page.waitForFunction((n) => document.querySelector('.check-summary')?.textContent?.includes(n) ?? false, name.replace(/\.csv$/, '') ? 'data/' : '');
    return page.locator('.check-result li span').allTextContents();
  }

  it('accepts the published file unchanged', async () => {
    await drop('problems.csv', Buffer.from(realProblems));
    expect(await page.locator('.check-summary').textContent()).toMatch(/^✓ 没有发现问题：problems\.csv 按 data\/problems\.csv 检查，共 \d+ 行。$/);
  });

  it('lists the editor mistakes in a real file, with lines, in the same wording as npm run validate', async () => {
    const lines = realProblems.split('\n');
    // The first record (GS-2017-001) spans lines 2–3: its description holds a line break.
    // Break its status (on line 3), and the village of the next record (line 4).
    expect(lines[1]).toMatch(/^GS-2017-001,/);
    lines[2] = lines[2]!.replace(/,(已销号|已整改|整改中|待整改),/, ',已完成,');
    lines[3] = lines[3]!.replace(/^(GS-\d{4}-\d{3},[^,]*,[^,]*,)[a-z-]*,/, '$1nowhere,');
    const messages = await drop('problems.csv', Buffer.from(lines.join('\n')));
    expect(messages).toContain('data/problems.csv:2 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）');
    expect(messages).toContain('data/problems.csv:4 列 village：“nowhere”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）');
    expect(messages).toHaveLength(2);
    const link = page.locator('.check-result li a').first();
    expect(await link.getAttribute('href')).toMatch(/\/data\/errors\/#E0\d\d$/);
  });

  it('recognises a file saved as GBK and explains how to re-save it', async () => {
    const messages = await drop('villages.csv', readFileSync(join(materialise('encoding-gbk'), 'data/villages.csv')));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('data/villages.csv:2：文件是 GBK/GB18030 编码');
    expect(messages[0]).toContain('另存为');
  });

  it('guesses the table from the header when the file name says nothing', async () => {
    const messages = await drop('导出.csv', readFileSync(join(materialise('uscc-check'), 'data/enterprises.csv')));
    expect(await page.locator('#check-table').inputValue()).toBe('enterprises');
    expect(messages.some((m) => m.includes('的校验码（第 18 位）应为'))).toBe(true);
  });

  it('keeps working offline once the page has loaded, and uploads nothing', async () => {
    const ctx = await site.browser.newContext();
    const p = await ctx.newPage();
    const posts: string[] = [];
    p.on('request', (r) => {
      if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`);
    });
    await p.goto(`${site.server.root}data/check/`);
    await p.waitForLoadState('networkidle');
    await ctx.setOffline(true);
    const lines = realProblems.split('\n');
    lines[2] = lines[2]!.replace(/,(已销号|已整改|整改中|待整改),/, ',已完成,');
    await p.setInputFiles('#check-file', { name: 'problems.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await p.waitForSelector('.check-issues li');
    expect(await p.locator('.check-issues li span').first().textContent()).toBe('data/problems.csv:2 列 status：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）');
    expect(posts).toEqual([]);
    await ctx.close();
  });

  it('has no axe violations with errors shown', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
