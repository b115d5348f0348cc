import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

import { axeViolations } from '../helpers/axe.ts';
import { TabPool } from '../helpers/tab-pool.ts';
import { pageTypes } from './page-types.ts';

const browserPath = browserAvailability();
const PAGES = pageTypes();

describe.skipIf(browserPath.skip)('site-wide gates in Chromium', () => {
  const site = siteInBrowser();
  // One context per kind of visit, each with a few tabs the page checks take turns on (test/helpers/tab-pool.ts);
  // several checks at once (maxConcurrency): much of a check is waiting for the network to fall idle.
  // At 1280 px one load serves the requests, the CSP and axe; at 375 px axe has a load of its own.
  let wide: BrowserContext;
  let narrow: BrowserContext;
  let noScript: BrowserContext;
  const wideTabs = new TabPool(() => wide, 4);
  const narrowTabs = new TabPool(() => narrow, 4);
  const noScriptTabs = new TabPool(() => noScript, 4);
  beforeAll(async () => {
    wide = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Before any script of the page: each document starts its own list of CSP violations.
    await wide.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    narrow = await site.browser.newContext({ viewport: { width: 375, height: 900 } });
    noScript = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  });
  afterAll(async () => {
    await Promise.all([wide, narrow, noScript].map((c) => c?.close()));
  });

  for (const { path } of PAGES) {
    it.concurrent(
      `/${path}: requests only its own origin, runs under the CSP without violations or errors, and axe finds no WCAG 2.1 A/AA violations and nothing scrolls sideways at 1280 px`,
      async ({ expect }) => {
        await wideTabs.use(async (page) => {
          const foreign: string[] = [];
          const errors: string[] = [];
          page.on('request', (r) => {
            const u = new URL(r.url());
            if (u.protocol !== 'data:' && u.origin !== site.server.origin) foreign.push(r.url());
          });
          page.on('pageerror', (e) => errors.push(String(e)));
          page.on('console', (m) => {
            if (m.type() === 'error' && !(path === 'no-such-page/' && m.text().includes('404'))) errors.push(m.text());
          });
          await page.goto(site.server.root + path);
          await page.waitForLoadState('networkidle');
          const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
          const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
          expect(meta).toContain("script-src 'self'");
          expect(foreign).toEqual([]);
          expect(csp).toEqual([]);
          expect(errors).toEqual([]);
          expect(await axeViolations(page)).toEqual([]);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        });
      },
    );
  }

  for (const { path } of PAGES) {
    it.concurrent(`/${path}: axe finds no WCAG 2.1 A/AA violations and nothing scrolls sideways at 375 px`, async ({ expect }) => {
      await narrowTabs.use(async (page) => {
        await page.goto(site.server.root + path);
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      });
    });
  }

  for (const { path, essential } of PAGES) {
    it.concurrent(`/${path}: shows its essential content with JavaScript off`, async ({ expect }) => {
      await noScriptTabs.use(async (page) => {
        await page.goto(site.server.root + path);
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text.trim().length).toBeGreaterThan(20);
        if (essential) expect(text).toContain(essential);
        const h1 = await page.locator('h1').count();
        expect(h1).toBe(1);
      });
    });
  }

  it('shows a visible focus outline on links and controls reached with the keyboard', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.root}indicators/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(outline).toMatch(/^solid [23]px$/);
    await page.close();
  });

  it('keeps the search, the chart and the checker working under the CSP', async () => {
    const page = await site.browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await page.goto(`${site.server.root}search/?q=${encodeURIComponent('水质')}`);
    await page.waitForSelector('.search-results li');
    await page.goto(`${site.server.root}indicators/red-line-share/`);
    await page.waitForSelector('indicator-chart[data-ready] canvas');
    expect(violations).toEqual([]);
    await page.close();
  });
});
