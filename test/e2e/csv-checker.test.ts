import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { downloadedBytes, siteInBrowser } from '../helpers/site-browser.ts';
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
    // Back to "自动判断" without a change event (which would re-check the previous file), and
    // clear the previous result, so that the wait below sees this file's.
    await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#check-table')!;
      select.value = '';
      delete select.dataset.user;
      document.querySelector('[data-result]')!.replaceChildren();
    });
    await page.setInputFiles('#check-file', { name, mimeType: 'text/csv', buffer });
    await page.waitForFunction(() => document.querySelector('.check-summary')?.textContent?.includes('data/') ?? false);
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
    // Named by the editor's file and the Excel cell: the record on lines 2–3 is Excel row 2, line 4 is row 3.
    expect(messages).toContain('problems.csv 单元格 M2（第 2 行，列 status）：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）');
    expect(messages).toContain(
      'problems.csv 单元格 D3（第 3 行，列 village）：“nowhere”在 data/villages.csv 的 id 列中找不到（请先在 data/villages.csv 中添加，或检查拼写）',
    );
    expect(messages).toHaveLength(2);
    const link = page.locator('.check-result li a').first();
    expect(await link.getAttribute('href')).toMatch(/\/data\/errors\/#E0\d\d$/);
  });

  it('recognises a file saved as GBK and explains how to re-save it', async () => {
    const messages = await drop('villages.csv', readFileSync(join(materialise('encoding-gbk'), 'data/villages.csv')));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('villages.csv 第 2 行：文件是 GBK/GB18030 编码');
    expect(messages[0]).toContain('另存为');
  });

  it('reports the encoding, a bad date and a wrong status of a GB18030 file in one pass, the status with the date it then needs', async () => {
    // The fixture's problems.csv saved by Excel as plain “CSV” (GBK), with 2019/2/14 and 整改完成 written in it.
    const messages = await drop('整改台账.csv', readFileSync(join(materialise('encoding-gbk-cells'), 'data/problems.csv')));
    expect(await page.locator('.check-summary').textContent()).toContain('整改台账.csv 中发现 3 个问题');
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('整改台账.csv 第 2 行：文件是 GBK/GB18030 编码');
    expect(messages[1]).toBe(
      '整改台账.csv 单元格 M3（第 3 行，列 status）：“整改完成”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已整改”；改为“已整改”后还要改列 closed：状态是“已整改”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
    );
    expect(messages[2]).toBe(
      '整改台账.csv 单元格 B6（第 6 行，列 reported）：“2019/2/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2019-02-14”',
    );
    // The corrected download is UTF-8 with both cells changed.
    expect(await page.locator('.check-fixes li').allTextContents()).toEqual([
      '编码由 GBK/GB18030 改为 UTF-8（带 BOM，Excel 可以直接打开）',
      '单元格 M3（列 status）：“整改完成” → “已整改”',
      '单元格 B6（列 reported）：“2019/2/14” → “2019-02-14”',
    ]);
  });

  it('guesses the table from the header when the file name says nothing', async () => {
    const messages = await drop('导出.csv', readFileSync(join(materialise('uscc-check'), 'data/enterprises.csv')));
    expect(await page.locator('#check-table').inputValue()).toBe('enterprises');
    expect(messages.some((m) => m.includes('的校验码（第 18 位）应为'))).toBe(true);
  });

  it('names the editor’s own file and its Excel cells, and offers the fix', async () => {
    const lines = realProblems.split('\n');
    lines[1] = lines[1]!.replace(/^(GS-2017-001),2017-03-14,/, '$1,2017/3/14,');
    const messages = await drop('问题清单（第二批）.csv', Buffer.from(lines.join('\n')));
    expect(messages).toEqual([
      '问题清单（第二批）.csv 单元格 B2（第 2 行，列 reported）：“2017/3/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2017-03-14”',
    ]);
    expect(await page.locator('.check-summary').textContent()).toContain('问题清单（第二批）.csv 中发现 1 个问题');
  });

  it('recognises GBK whatever the file is called', async () => {
    const messages = await drop('村名单（第三批）.csv', readFileSync(join(materialise('encoding-gbk'), 'data/villages.csv')));
    expect(await page.locator('#check-table').inputValue()).toBe('villages');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('村名单（第三批）.csv 第 2 行：文件是 GBK/GB18030 编码');
    // The corrected download is the same file in UTF-8.
    expect(await page.locator('.check-fixes li').allTextContents()).toEqual(['编码由 GBK/GB18030 改为 UTF-8（带 BOM，Excel 可以直接打开）']);
  });

  it('offers the corrected file for download: the file as written but the listed cells, UTF-8 with BOM, with the list of changes, and it checks clean', async () => {
    const broken = readFileSync(join(materialise('fix-ten-mistakes'), 'data/problems.csv'));
    const messages = await drop('整改台账.csv', broken);
    expect(messages).toHaveLength(9);
    expect(messages.every((m) => m.includes('应写成'))).toBe(true);
    const fixes = await page.locator('.check-fixes li').allTextContents();
    expect(fixes).toHaveLength(9);
    expect(fixes).toContain('单元格 M4（列 status）：“完成整改” → “已整改”');
    const link = page.locator('[data-fixed-download]');
    expect(await link.textContent()).toBe('下载修正后的文件');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('整改台账（已修正）.csv');
    const bytes = await downloadedBytes(download);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    // Line by line the file as written (its own line ends, the line break inside GS-2017-001's
    // description), with only the nine listed cells changed.
    const before = broken.toString('utf8').split('\n');
    const after = text.split('\n');
    expect(after).toHaveLength(before.length);
    // Excel rows 2 (over lines 2–3, its description has a line break), 3, 4 and 6.
    expect(after.flatMap((l, k) => (l === before[k] ? [] : [k + 1]))).toEqual([2, 3, 4, 5, 7]);
    expect(text).toContain('\nGS-2017-001,2017-03-14,');
    const again = await drop('整改台账（已修正）.csv', bytes);
    expect(again).toEqual([]);
    expect(await page.locator('.check-summary').textContent()).toMatch(/^✓ 没有发现问题/);
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
    expect(await p.locator('.check-issues li span').first().textContent()).toBe(
      'problems.csv 单元格 M2（第 2 行，列 status）：“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）',
    );
    expect(posts).toEqual([]);
    await ctx.close();
  });

  it('has no axe violations with errors shown', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
