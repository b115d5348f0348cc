import { readFeed } from '../helpers/feed.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { downloadedBytes, siteInBrowser } from '../helpers/site-browser.ts';
import { astroBuild } from '../helpers/build.ts';
import { listFiles } from '../helpers/html.ts';
import { FORMULA_PAYLOADS, materialiseHostile } from '../helpers/fixtures.ts';
import { opensFormula } from '../helpers/excel-corpus.ts';
import { OUTPUT } from '../helpers/paths.ts';
import { mapConcurrent } from '../helpers/pool.ts';
import Papa from 'papaparse';
import { SyntaxValidator } from 'fast-xml-validator';
import { parse as parseHtml } from 'node-html-parser';

/**
 * The hostile fixture (materialiseHostile: test/fixtures/valid transformed) puts script-injection
 * payloads, right-to-left overrides, zero-width characters, emoji and 10,000-character strings
 * in every free-text field. The site must build,
 * run none of it, and show it as plain text everywhere. (Dangerous URLs are refused by the
 * validator: see the hostile-urls fixture.)
 */
const HOSTILE = materialiseHostile();
const OUT = join(OUTPUT, 'site-hostile');
const BASE = '/h/';
const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '"><img src=x onerror="window.__pwned=1">';
const CLOSE = '</script><script>window.__pwned=1</script>';
const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('hostile data', () => {
  let built: { status: number | null; output: string } = { status: null, output: '' };
  const site = siteInBrowser(OUT, BASE, () => {
    built = astroBuild({ OUT_DIR: OUT, BASE_PATH: BASE, DATA_DIR: join(HOSTILE, 'data'), CONTENT_DIR: join(HOSTILE, 'content'), BUILD_DATE: '2026-01-15' });
  });

  async function open(path: string): Promise<{ page: Page; pwned: () => Promise<unknown> }> {
    const page = await site.browser.newPage();
    page.on('dialog', (d) => void d.dismiss());
    await page.goto(site.server.root + path);
    await page.waitForLoadState('networkidle');
    return { page, pwned: () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned) };
  }

  it('builds', () => {
    expect(built.status, built.output.slice(-3000)).toBe(0);
  });

  it('runs no injected script on any page', async () => {
    const pages = listFiles(OUT)
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.replace(/index\.html$/, ''));
    expect(pages.length).toBeGreaterThan(10);
    // Four tabs, each loading pages in turn (about 65 in all): an injected script runs while the
    // page loads, and an <img onerror> fires before the load event, so waiting for "load" is enough.
    const context = await site.browser.newContext();
    const tabs = await Promise.all([0, 1, 2, 3].map(() => context.newPage()));
    for (const tab of tabs) tab.on('dialog', (d) => void d.dismiss());
    const free = [...tabs];
    await mapConcurrent(pages, tabs.length, async (p) => {
      const page = free.pop()!;
      await page.goto(site.server.root + p, { waitUntil: 'load' });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), p).toBeUndefined();
      expect(await page.locator('img[src="x"]').count(), p).toBe(0);
      free.push(page);
    });
    await context.close();
  }, 300_000);

  it('shows the payloads as literal text on the pages', async () => {
    const ind = await open('indicators/river-quality/');
    expect(await ind.page.locator('h1').textContent()).toContain(SCRIPT);
    expect(await ind.page.locator('.obs-table').textContent()).toContain(CLOSE);
    await ind.page.close();
    const plan = await open('plan/mini/');
    const text = (await plan.page.locator('.plan-text').textContent()) ?? '';
    for (const payload of [SCRIPT, IMG, CLOSE, '\u202eRTL\u202c', '零\u200b宽', '🏭💧']) expect(text).toContain(payload);
    await plan.page.close();
  });

  it('escapes them in the chart images, which stay well-formed SVG and draw in the browser', async () => {
    const ids = listFiles(OUT).filter((f) => /^indicators\/[^/]+\/chart\.svg$/.test(f));
    expect(ids.length).toBeGreaterThan(5);
    let payloads = 0;
    for (const f of ids) {
      const svg = readFileSync(join(OUT, f), 'utf8');
      expect(() => SyntaxValidator.validate(svg), f).not.toThrow();
      // Every "<" left is a real tag (text ones are escaped): none is a script or image, none has an event handler.
      expect(svg, f).not.toMatch(/<(script|img|foreignObject|iframe)\b/i);
      expect(svg, f).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      if (svg.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;')) payloads++;
    }
    expect(payloads).toBeGreaterThan(0);
    const { page, pwned } = await open(ids[0]!);
    expect(await page.evaluate(() => document.documentElement.localName)).toBe('svg');
    expect(await page.locator('parsererror').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    await page.close();
  });

  it('shows them literally in search results', async () => {
    const { page, pwned } = await open(`search/?q=${encodeURIComponent('pwned')}`);
    await page.waitForSelector('.search-results li');
    // Records come from the record index (their titles and excerpts), the plan's 附注 from Pagefind's excerpt: both as text.
    const first = (await page.locator('.search-results li').first().textContent()) ?? '';
    expect(first).toContain('window.__pwned=1');
    expect(first).toContain('<');
    const excerpts = await page.locator('.search-results li p').allTextContents();
    expect(excerpts.filter((e) => e.includes('window.__pwned=1') && e.includes('<')).length).toBeGreaterThan(0);
    expect(await page.locator('.search-results script, .search-results img').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    await page.close();
  });

  it('keeps them as text in the feed, read by an independent feed parser', async () => {
    const items = await readFeed(join(OUT, 'feed.xml'));
    expect(items.length).toBeGreaterThan(3);
    const problems = Papa.parse<Record<string, string>>(readFileSync(join(HOSTILE, 'data/problems.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    for (const item of items) {
      // A reader renders the description as HTML: what it shows must be text, never an element.
      const shown = parseHtml(`<div>${item.description}</div>`).querySelector('div')!;
      expect(shown.querySelectorAll('*'), item.link).toHaveLength(0);
      const p = problems.find((r) => item.link.endsWith(`/problems/${r.id}/`));
      // The other items are objections and replies, linked to the record they answer.
      if (!p) expect(item.link).toMatch(/#response-R-/);
      // A problem's item ends with its description, character for character.
      else expect(shown.text.endsWith(` · ${p.description}`), item.link).toBe(true);
    }
    expect(items.some((i) => /[<>&]/.test(parseHtml(`<div>${i.description}</div>`).text))).toBe(true);
  });

  it('writes no cell of the Excel variants that a spreadsheet would run as a formula', () => {
    let openings = 0;
    for (const f of listFiles(join(OUT, 'data')).filter((n) => n.endsWith('-excel.csv'))) {
      const text = readFileSync(join(OUT, 'data', f), 'utf8');
      expect(text.startsWith('\uFEFF'), f).toBe(true);
      const [, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
      for (const cell of rows.flat()) {
        // What a spreadsheet runs: a cell opening with = + - @ after what it skips, unless it is a plain number or our ="…".
        expect(opensFormula(cell), `${f}: ${JSON.stringify(cell)}`).toBe(false);
        if (FORMULA_PAYLOADS.some((p) => cell.startsWith(`'${p}`))) openings++;
      }
    }
    // The fixture really holds formula openings in every kind of table, and all were neutralised.
    expect(openings).toBeGreaterThan(10);
  });

  it('"下载这些行" writes the server’s Excel-safe rows, with no formula, on the register and the credit list', async () => {
    const page = await site.browser.newPage({ acceptDownloads: true });
    let openings = 0;
    for (const [path, button, file, key] of [
      ['problems/', 'problem-register [data-download]', 'data/problems-excel.csv', 'id'],
      ['credit/', 'credit-list button[data-download]', '', 'uscc'],
    ] as const) {
      await page.goto(site.server.root + path);
      await page.waitForLoadState('networkidle');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const text = (await downloadedBytes(download)).toString('utf8');
      expect(text.startsWith('\uFEFF'), path).toBe(true);
      const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
      expect(rows.length, path).toBeGreaterThan(0);
      for (const cell of rows.flat()) {
        expect(opensFormula(cell), `${path}: ${JSON.stringify(cell)}`).toBe(false);
        if (FORMULA_PAYLOADS.some((p) => cell.startsWith(`'${p}`))) openings++;
      }
      // The same rows, cell for cell, as the server's file (the credit list downloads the latest period).
      const serverFile = file || `credit/period/${/(\d{4}(?:-H[12])?)/.exec(download.suggestedFilename())![1]}-excel.csv`;
      const [serverHeader, ...serverRows] = Papa.parse<string[]>(readFileSync(join(OUT, serverFile), 'utf8').slice(1), { skipEmptyLines: true }).data;
      expect(header, path).toEqual(serverHeader);
      const k = header!.indexOf(key);
      const byKey = new Map(serverRows.map((r) => [r[k], r]));
      expect(rows, path).toEqual(rows.map((r) => byKey.get(r[k])));
      // Named with the data version the build wrote to data-version.json (none when it was built without history).
      const version = (JSON.parse(readFileSync(join(OUT, 'data-version.json'), 'utf8')) as { version: string | null }).version;
      const suffix = version ? `-${version}` : '';
      expect(download.suggestedFilename(), path).toMatch(new RegExp(`^(problems|credit-\\d{4}(-H[12])?)-filtered${suffix}\\.csv$`));
    }
    expect(openings).toBeGreaterThan(2);
    await page.close();
  });

  it('names "下载这些行" with the data version the site serves, and ignores one that is not a commit', async () => {
    const page = await site.browser.newPage({ acceptDownloads: true });
    const named = async (version: unknown) => {
      await page.unroute('**/data-version.json');
      await page.route('**/data-version.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ version }) }));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('problem-register [data-download]')]);
      return download.suggestedFilename();
    };
    await page.goto(`${site.server.root}problems/`);
    await page.waitForLoadState('networkidle');
    expect(await named('0123456789ab')).toBe('problems-filtered-0123456789ab.csv');
    expect(await named('../../x')).toBe('problems-filtered.csv');
    expect(await named(42)).toBe('problems-filtered.csv');
    await page.close();
  });

  it('keeps them intact in the downloads', () => {
    for (const t of ['villages', 'problems', 'enterprises', 'indicators', 'observations']) {
      expect(readFileSync(join(OUT, `data/${t}.csv`)).equals(readFileSync(join(HOSTILE, `data/${t}.csv`))), t).toBe(true);
    }
    const villages = JSON.parse(readFileSync(join(OUT, 'data/villages.json'), 'utf8'));
    expect(villages[0].name).toBe(`东村${SCRIPT}`);
    expect(villages[1].name).toBe(`西社区${IMG}`);
    const problems = JSON.parse(readFileSync(join(OUT, 'data/problems.json'), 'utf8'));
    expect(problems[0].description).toHaveLength(10000);
    expect(readFileSync(join(OUT, 'data/villages-excel.csv'), 'utf8')).toContain('西社区""><img src=x onerror=""window.__pwned=1"">');
  });
});
