/**
 * The village noticeboard sheet (村务公开栏), checked as what it is for: printed to A4 by
 * Chromium, the PDF has one or two pages, its text names the village and its unfinished
 * problems and has no site navigation, and the QR code, read back from pixels by a QR decoder
 * (jsQR), opens the village page. A generated village with a hundred problems still fits two
 * pages. The PDFs and their PNG renderings are saved under test/.output/notice/ for a person.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate-data.ts';
import { browserAvailability } from '../helpers/browser.ts';
import { astroBuild } from '../helpers/build.ts';
import { readHtml } from '../helpers/html.ts';
import { BUILD_DATE, OUTPUT, SITE_BASE, SITE_DIR, SITE_URL } from '../helpers/paths.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';

const browserPath = browserAvailability();
const OUT = join(OUTPUT, 'notice');
const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
const NEED_POPPLER = 'pdfinfo/pdftotext/pdftoppm are needed: apt-get install -y poppler-utils';
// Like the browser: without the PDF tools the PDF checks are skipped with a message, except in CI.
const skipPdf = browserPath.skip || (!poppler && !process.env.CI);
if (!poppler && !process.env.CI) console.warn(`noticeboard PDF checks skipped: ${NEED_POPPLER}`);

function pdfFacts(pdf: Buffer, name: string): { pages: number; text: string } {
  mkdirSync(OUT, { recursive: true });
  for (const old of readdirSync(OUT).filter((f) => f.startsWith(`${name}-`) || f === `${name}.pdf`)) rmSync(join(OUT, old));
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  // For a person to look at: every page as PNG.
  spawnSync('pdftoppm', ['-png', '-r', '70', file, join(OUT, name)]);
  return { pages, text };
}

/** Reads the QR code the way a phone would: from the pixels of the rendered element. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const shot = await page.locator('[data-notice-qr] svg').screenshot();
  const png = PNG.sync.read(shot);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

const absolute = (villageId: string | undefined) => new URL(`${SITE_BASE}villages/${villageId}/`, SITE_URL).href;

describe('the noticeboard sheet, as HTML', () => {
  const villages = csvRows(FIXTURE_SITE, 'villages');
  const problems = csvRows(FIXTURE_SITE, 'problems');
  const enterprises = csvRows(FIXTURE_SITE, 'enterprises');
  const ratings = csvRows(FIXTURE_SITE, 'credit-ratings');
  const latest = [...new Set(ratings.map((r) => r.period!))].sort().at(-1)!;

  it('exists for every village, is linked from the village page as 打印公示栏版, and lists what the village has to fix', () => {
    let overdueSeen = 0;
    for (const v of villages) {
      const link = readHtml(SITE_DIR, `villages/${v.id}/index.html`).querySelector('[data-notice-link]');
      expect(link?.textContent, v.id).toBe('打印公示栏版');
      expect(link?.getAttribute('href'), v.id).toBe(`${SITE_BASE}villages/${v.id}/notice/`);
      const sheet = readHtml(SITE_DIR, `villages/${v.id}/notice/index.html`).querySelector('[data-notice-sheet]')!;
      expect(sheet.querySelector('h1')?.textContent).toBe(v.name);
      const open = problems.filter((p) => p.village === v.id && (p.status === '待整改' || p.status === '整改中'));
      const shown = sheet.querySelectorAll('[data-notice-list="unfinished"] li').map((li) => li.textContent);
      expect(shown.length, v.id).toBe(open.length);
      overdueSeen += open.filter((p) => p.deadline && p.deadline < BUILD_DATE).length;
      for (const p of open) {
        const li = shown.find((t) => t.includes(p.id!))!;
        expect(li, p.id).toContain(p.title!);
        if (p.deadline && p.deadline < BUILD_DATE) expect(li, p.id).toMatch(/已逾期 \d+ 天/);
        else expect(li, p.id).not.toContain('已逾期');
      }
      // The window of "recently closed" is stated: the twelve months before the build date.
      expect(sheet.textContent).toContain('指 2025年1月15日 至 2026年1月15日 期间完成整改');
      // Red and black enterprises of the village in the latest period, by name and colour label.
      const warned = ratings.filter(
        (r) => r.period === latest && (r.rating === '红色' || r.rating === '黑色') && enterprises.find((e) => e.uscc === r.uscc)?.village === v.id,
      );
      const items = sheet.querySelectorAll('[data-notice-list="enterprises"] li');
      expect(items.length, v.id).toBe(warned.length);
      for (const r of warned) {
        const item = items.find((li) => li.textContent.includes(enterprises.find((e) => e.uscc === r.uscc)!.name!));
        expect(item?.querySelector('[data-rating]')?.textContent, r.uscc).toContain(r.rating);
      }
      expect(sheet.querySelector('[data-notice-sample]'), 'the fixture is sample data').not.toBeNull();
      const svg = sheet.querySelector('[data-notice-qr] svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')).toContain(absolute(v.id));
      expect(svg.querySelector('title')?.textContent).toContain(v.name);
    }
    expect(overdueSeen, 'the fixture has overdue problems on some sheet').toBeGreaterThan(0);
    // The fixture has at least one red-rated enterprise on some sheet, so the list is exercised.
    expect(
      villages.some((v) => readHtml(SITE_DIR, `villages/${v.id}/notice/index.html`).querySelectorAll('[data-notice-list="enterprises"] li').length > 0),
    ).toBe(true);
  });

  it('ships a print stylesheet for A4 that hides the navigation', () => {
    const doc = readHtml(SITE_DIR, 'villages/beicun/notice/index.html');
    const css = doc
      .querySelectorAll('link[rel=stylesheet]')
      .map((l) => readFileSync(join(SITE_DIR, l.getAttribute('href')!.slice(SITE_BASE.length)), 'utf8'))
      .join('\n');
    expect(css).toMatch(/@page\s*\{[^}]*size:\s*A4/);
    expect(css).toMatch(/@media print\s*\{[^}]*\.site-header/);
  });
});

describe.skipIf(skipPdf)('the noticeboard sheet, printed to A4 by Chromium', () => {
  const site = siteInBrowser();

  it('fits one or two pages, names the village and its problems without site navigation, and its QR code opens the village page', async () => {
    expect(poppler, NEED_POPPLER).toBe(true);
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const v of csvRows(FIXTURE_SITE, 'villages')) {
      await page.goto(`${site.server.root}villages/${v.id}/notice/`);
      const { pages, text } = pdfFacts(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }), `fixture-${v.id}`);
      expect(pages, v.id).toBeGreaterThanOrEqual(1);
      expect(pages, v.id).toBeLessThanOrEqual(2);
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(v.name!);
      expect(flat).toContain('尚未完成整改的问题');
      expect(flat).toContain('示例数据');
      expect(flat, 'the site navigation is not printed').not.toContain('计划原文指标进展');
      expect(flat, 'nor the breadcrumb and screen hint').not.toContain('用浏览器的“打印”功能');
      expect(await decodeQr(page), v.id).toBe(absolute(v.id));
    }
    await page.close();
  });

  it('has a 打印 button that opens the print dialogue, shown only with JavaScript and never printed', async () => {
    const page = await site.browser.newPage({ viewport: { width: 375, height: 800 } });
    const village = csvRows(FIXTURE_SITE, 'villages')[0]!.id!;
    await page.goto(`${site.server.root}villages/${village}/notice/`);
    const button = page.locator('button[data-print]');
    await expect.poll(() => button.isVisible()).toBe(true);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await button.isVisible()).toBe(false);
    await page.close();
    const noScript = await site.browser.newContext({ javaScriptEnabled: false });
    const still = await noScript.newPage();
    await still.goto(`${site.server.root}villages/${village}/notice/`);
    expect(await still.locator('button[data-print]').isVisible()).toBe(false);
    await noScript.close();
  });
});

describe.skipIf(skipPdf)('the noticeboard sheet of a village with a hundred problems', () => {
  const dir = join(OUTPUT, 'notice-many');
  const out = join(OUTPUT, 'site-notice-many');
  // Two villages share 240 problems and 200 enterprises; in early 2020 many of the 2019 problems
  // are open and many closed within the year.
  const site = siteInBrowser(out, SITE_BASE, () => {
    generate(dir, { villages: 2, enterprises: 200, periods: 4, problems: 240, indicators: 5, observations: 2 }, 11);
    const r = astroBuild({
      OUT_DIR: out,
      DATA_DIR: join(dir, 'data'),
      CONTENT_DIR: join(dir, 'content'),
      BUILD_DATE: '2020-01-15',
      BASE_PATH: SITE_BASE,
      SITE_URL,
    });
    if (r.status !== 0) throw new Error(r.output.slice(-3000));
  });

  it('still fits two A4 pages: the lists are cut, the rest counted, and the QR code opens the village page', async () => {
    expect(poppler, NEED_POPPLER).toBe(true);
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const villages = readdirSync(join(out, 'villages'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(villages).toHaveLength(2);
    let cut = 0;
    for (const id of villages) {
      await page.goto(`${site.server.root}villages/${id}/notice/`);
      const { pages, text } = pdfFacts(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }), `many-${id}`);
      expect(pages, id).toBeLessThanOrEqual(2);
      const flat = text.replace(/\s+/g, '');
      const more = [...flat.matchAll(/另有(\d+)(?:项|家)，见网站：/g)];
      cut += more.length;
      for (const m of more) expect(Number(m[1])).toBeGreaterThan(0);
      expect(flat).toContain(absolute(id));
      expect(await decodeQr(page), id).toBe(absolute(id));
    }
    expect(cut, 'at least one list was long enough to be cut').toBeGreaterThan(0);
    await page.close();
  });
});
