/**
 * A journalist's path through the fixture site, in Chromium, under the base path (issue #15):
 * from the home page to an indicator met late; its chart as PNG (a real PNG, twice the chart
 * image's size, not blank), its CSV and its citation copied; from /credit/ to a rating period,
 * its CSV and Excel CSV read back with PapaParse; "下载这些行" on the credit list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { downloadedBytes, siteInBrowser } from '../helpers/site-browser.ts';
import { SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { comparePeriods } from '../../src/lib/dates.ts';

const browserPath = browserAvailability();
const BOM = [0xef, 0xbb, 0xbf];

async function download(page: Page, click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, unknown];
  return { name: d.suggestedFilename(), bytes: await downloadedBytes(d) };
}
const parseCsv = (bytes: Buffer) =>
  Papa.parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
/** An Excel-safe cell may be a text literal ="…". */
const cell = (v: string | undefined) => (v ?? '').replace(/^="(.*)"$/, '$1');

describe.skipIf(browserPath.skip)('a journalist’s path', () => {
  const site = siteInBrowser();
  const enterprises = new Map(csvRows(FIXTURE_SITE, 'enterprises').map((e) => [e.uscc!, e]));
  const ratings = csvRows(FIXTURE_SITE, 'credit-ratings');
  const latest = [...new Set(ratings.map((r) => r.period!))].sort(comparePeriods).at(-1)!;

  async function context(): Promise<BrowserContext> {
    const ctx = await site.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.server.root).origin });
    return ctx;
  }

  it('goes from / to an indicator met late, downloads its chart as PNG and its CSV, and copies its citation', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(site.server.root);
    await Promise.all([page.waitForURL(/indicators\/status\/met-late\/$/), page.locator(`a[href="${SITE_BASE}indicators/status/met-late/"]`).first().click()]);
    await Promise.all([page.waitForURL(/indicators\/class3-rivers\/$/), page.locator(`main a[href="${SITE_BASE}indicators/class3-rivers/"]`).first().click()]);
    await page.waitForSelector('indicator-chart[data-ready]');

    // The PNG: drawn from chart.svg at twice its size.
    const png = await download(page, () => page.click('button[data-download="chart-png"]'));
    expect(png.name).toBe('class3-rivers-chart.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const svg = readFileSync(join(FIXTURE_SITE.dir, 'indicators/class3-rivers/chart.svg'), 'utf8');
    const [, w, h] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * Number(w), 2 * Number(h)]);
    // Not blank: dark text, the green data line and the red target line are all drawn.
    const pixels = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx2 = c.getContext('2d')!;
      ctx2.drawImage(img, 0, 0);
      const d = ctx2.getImageData(0, 0, c.width, c.height).data;
      let dark = 0,
        green = 0,
        red = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
        if (r + g + b < 200) dark++;
        if (Math.abs(r - 0x0b) < 30 && Math.abs(g - 0x5d) < 30 && Math.abs(b - 0x3b) < 30) green++;
        if (Math.abs(r - 0x9b) < 30 && Math.abs(g - 0x1c) < 30 && Math.abs(b - 0x16) < 30) red++;
      }
      return { total: d.length / 4, dark, green, red };
    }, png.bytes.toString('base64'));
    expect(pixels.dark).toBeGreaterThan(pixels.total * 0.005);
    expect(pixels.green).toBeGreaterThan(500);
    expect(pixels.red).toBeGreaterThan(200);
    expect(await page.locator('[data-chart-image-status]').textContent()).toContain(`${2 * Number(w)}×${2 * Number(h)}`);

    // The CSV: one row per observation, each with the indicator's name and verdict.
    const csv = await download(page, () => page.click('a[data-download="indicator-csv"]'));
    const rows = parseCsv(csv.bytes);
    expect(rows.map((r) => r.date)).toEqual(
      csvRows(FIXTURE_SITE, 'observations')
        .filter((o) => o.indicator === 'class3-rivers')
        .map((o) => o.date),
    );
    expect(new Set(rows.map((r) => `${r.name} ${r.verdict}`))).toEqual(new Set(['市级河道（段）Ⅲ类以上水质比例 逾期达标']));

    // The citation, copied to the clipboard.
    await page.click('button[data-copy-cite="gbt"]');
    await expect.poll(() => page.locator('.how-to-cite [data-cite-status]').textContent()).toBe('已复制引用');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe((await page.locator('.how-to-cite [data-cite="gbt"]').textContent())!.trim());
    expect(copied).toContain(`${new URL(SITE_URL).origin}${SITE_BASE}indicators/class3-rivers/`);
    expect(copied).toContain('[DS/OL]');

    // And the embed code.
    await page.click('button[data-copy-cite="embed"]');
    await expect.poll(() => page.locator('.embed-code [data-cite-status]').textContent()).toBe('已复制嵌入代码');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      new RegExp(`^<iframe src="${new URL(SITE_URL).origin}${SITE_BASE}embed/indicators/class3-rivers/"`),
    );
    await ctx.close();
  });

  it('goes from /credit/ to a period page and reads its CSV and Excel CSV back with PapaParse', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${site.server.root}credit/`);
    const link = page.locator(`.period-select a[href^="${SITE_BASE}credit/period/"]`).first();
    // The link reads the period in words (2019年下半年); its address keeps the code.
    const period = /credit\/period\/([^/]+)\/$/.exec((await link.getAttribute('href'))!)![1]!;
    await Promise.all([page.waitForURL(new RegExp(`credit/period/${period}/$`)), link.click()]);
    const expected = ratings.filter((r) => r.period === period);
    expect(expected.length).toBeGreaterThan(0);
    for (const [kind, excel] of [
      ['period-csv', false],
      ['period-excel', true],
    ] as const) {
      const file = await download(page, () => page.click(`a[data-download="${kind}"]`));
      // The Excel variant begins with a BOM (so Excel reads UTF-8); the plain file does not.
      expect([...file.bytes.subarray(0, 3)].join() === BOM.join(), kind).toBe(excel);
      const rows = parseCsv(file.bytes);
      expect(rows.map((r) => cell(r.uscc)).sort(), kind).toEqual(expected.map((r) => r.uscc).sort());
      for (const r of rows) {
        expect(cell(r.name), kind).toBe(enterprises.get(cell(r.uscc))!.name);
        expect(cell(r.period), kind).toBe(period);
      }
    }
    await ctx.close();
  });

  it('downloads the rows the credit list filter shows, with the enterprises’ names, as CSV for Excel', async () => {
    const inLatest = ratings.filter((r) => r.period === latest);
    const counts = new Map<string, number>();
    for (const r of inLatest) counts.set(r.rating!, (counts.get(r.rating!) ?? 0) + 1);
    const [rating] = [...counts].find(([, n]) => n > 0 && n < inLatest.length)!;
    const want = inLatest.filter((r) => r.rating === rating);
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${site.server.root}credit/`);
    await page.selectOption('credit-list select[name="rating"]', rating);
    await expect.poll(() => page.locator('[data-list-status]').textContent()).toContain(`符合条件的企业共 ${want.length} 家`);
    const file = await download(page, () => page.click('credit-list button[data-download]'));
    expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
    expect(file.bytes.toString('utf8')).toContain('\r\n');
    const rows = parseCsv(file.bytes);
    expect(rows.map((r) => cell(r.uscc)).sort()).toEqual(want.map((r) => r.uscc).sort());
    for (const r of rows) {
      expect(cell(r.rating)).toBe(rating);
      expect(cell(r.period)).toBe(latest);
      expect(cell(r.name)).toBe(enterprises.get(cell(r.uscc))!.name);
    }
    // In the order the list shows them.
    const shown = await page.locator('credit-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-uscc')));
    expect(rows.map((r) => cell(r.uscc))).toEqual(shown);
    // One encoder: each row is the server's /credit/period/<p>-excel.csv row for that enterprise, cell for cell.
    const server = parseCsv(readFileSync(join(FIXTURE_SITE.dir, `credit/period/${latest}-excel.csv`)));
    const byUscc = new Map(server.map((r) => [r.uscc, r]));
    expect(rows).toEqual(rows.map((r) => byUscc.get(r.uscc)));
    await ctx.close();
  });
});
