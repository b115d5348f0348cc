/**
 * The phone gate: at 320 and 375 px, no page type of the fixture site is wider than the screen
 * or lays out a run of four or more characters one or two characters a line (a squeezed table
 * column), and the first
 * record of /problems/ and /credit/ starts within three phone screens (y ≤ 2,400 px at 320 and 375 px).
 * With SCREENSHOTS=1 it saves a 375 px screenshot of every page type under test/.output/phone/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { findBrokenRuns, firstRecordY } from '../helpers/narrow-text.ts';
import { OUTPUT } from '../helpers/paths.ts';
import { pageTypes } from './page-types.ts';
import { mapConcurrent } from '../helpers/pool.ts';
import { TabPool } from '../helpers/tab-pool.ts';

const browserPath = browserAvailability();
const SHOTS = join(OUTPUT, 'phone');
/** The first record of each list page, and the deepest it may start at 375 px. */
const FIRST_RECORD: Record<string, string> = {
  'problems/': 'table.problem-table tbody tr[data-id]',
  'credit/': 'table.credit-table tbody tr[data-uscc]',
};
const MAX_FIRST_Y = 2400;
// Full-page pictures cost more than the checks: taken when asked for (SCREENSHOTS=1), to look at after a change.
const SCREENSHOTS = process.env.SCREENSHOTS === '1';

describe.skipIf(browserPath.skip)('phone layout gate', () => {
  const site = siteInBrowser();
  mkdirSync(SHOTS, { recursive: true });

  for (const width of [320, 375]) {
    it.concurrent(
      `no page type is wider than the screen or lays out a run of 4+ characters 1–2 a line at ${width} px`,
      async ({ expect }) => {
        const ctx = await site.browser.newContext({ viewport: { width, height: 800 } });
        // Three tabs, each visiting pages in turn (an open tab loads a page at a third of a new tab's cost); the failures keep the order of the pages.
        const tabs = new TabPool(() => ctx, 3);
        const perPage = await mapConcurrent(pageTypes(), 3, ({ path }) =>
          tabs.use(async (page) => {
            const failures: string[] = [];
            await page.goto(site.server.root + path);
            await page.waitForLoadState('networkidle');
            // Open folded details too: what a reader unfolds must read as well.
            await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
            const broken = await page.evaluate(findBrokenRuns);
            for (const b of broken.slice(0, 5)) failures.push(`/${path} ${b.where}: “${b.text}” (${b.lines} lines, at most ${b.perLine} a line)`);
            // A card (a table row laid out as a block) holds all its labels: none hangs below its border.
            const hanging = await page.evaluate(() =>
              [...document.querySelectorAll('table.stack > tbody > tr')].flatMap((tr) => {
                const box = tr.getBoundingClientRect();
                return [...tr.children].flatMap((cell) => {
                  const label = getComputedStyle(cell, '::before');
                  if (label.content === 'none' || getComputedStyle(cell).display === 'none') return [];
                  const r = cell.getBoundingClientRect();
                  const lh = parseFloat(label.lineHeight);
                  const labelBottom = r.top + (Number.isFinite(lh) ? lh : parseFloat(label.fontSize) * 1.2);
                  return labelBottom > box.bottom + 1 ? [`${(cell as HTMLElement).dataset.label ?? ''} in “${(tr.textContent ?? '').slice(0, 20)}”`] : [];
                });
              }),
            );
            for (const h of hanging.slice(0, 5)) failures.push(`/${path}: label ${h} hangs below its card`);
            // Nothing makes the page wider than the screen (a table may scroll inside its own box).
            const wider = await page.evaluate(() => {
              const screen = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= screen) return undefined;
              const out = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > screen + 1);
              const e = out.find((x) => !out.some((y) => y !== x && x.contains(y))) ?? out[0];
              return {
                width: document.documentElement.scrollWidth,
                what: e ? `${e.tagName.toLowerCase()} “${(e.textContent ?? '').trim().slice(0, 24)}”` : '',
              };
            });
            if (wider) failures.push(`/${path}: ${wider.width} px wide at ${width} px, past the screen: ${wider.what}`);
            if (width === 375 && SCREENSHOTS) {
              const name = path.replace(/\/$/, '').replace(/\//g, '_') || 'home';
              await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
            }
            return failures;
          }),
        );
        await ctx.close();
        expect(perPage.flat()).toEqual([]);
      },
      240_000,
    );
  }

  for (const [path, selector] of Object.entries(FIRST_RECORD)) {
    it(`/${path}: the first record starts within ${MAX_FIRST_Y} px at 320 and at 375 px`, async () => {
      for (const width of [320, 375]) {
        const page = await site.browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(site.server.root + path);
        await page.waitForLoadState('networkidle');
        const y = await page.evaluate(firstRecordY, selector);
        expect(y, `${width} px`).not.toBeNull();
        expect(y!, `${width} px`).toBeLessThanOrEqual(MAX_FIRST_Y);
        await page.close();
      }
    });
  }

  it('keeps the counts of the summary bars on one line, and shows one search box in the first screen of the home page', async () => {
    const page = await site.browser.newPage({ viewport: { width: 320, height: 800 } });
    await page.goto(`${site.server.root}problems/`);
    const lines = await page
      .locator('.count-bars td.num')
      .evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight))));
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(site.server.root);
    const visible = await page.locator('input[type=search]').evaluateAll(
      (els) =>
        els.filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.top < 800;
        }).length,
    );
    expect(visible).toBe(1);
    await page.close();
  });
});
