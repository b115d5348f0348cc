import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

import { axeViolations } from '../helpers/axe.ts';
import { pageTypes } from './page-types.ts';

const browserPath = browserAvailability();
const PAGES = pageTypes();

describe.skipIf(browserPath.skip)('site-wide gates in Chromium', () => {
  const site = siteInBrowser();

  // Each page in its own tab, several at once (maxConcurrency): most of a check is waiting for the network to fall idle.
  // At 1280 px one load serves the requests, the CSP and axe; at 375 px axe has a load of its own.
  const load = async (path: string, width: number) => {
    const page = await site.browser.newPage({ viewport: { width, height: 900 } });
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
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(site.server.root + path);
    await page.waitForLoadState('networkidle');
    return { page, foreign, errors };
  };

  for (const { path } of PAGES) {
    it.concurrent(
      `/${path}: requests only its own origin, runs under the CSP without violations or errors, and axe finds no WCAG 2.1 A/AA violations and nothing scrolls sideways at 1280 px`,
      async ({ expect }) => {
        const { page, foreign, errors } = await load(path, 1280);
        const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
        const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        expect(meta).toContain("script-src 'self'");
        expect(foreign).toEqual([]);
        expect(csp).toEqual([]);
        expect(errors).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.close();
      },
    );
  }

  for (const { path } of PAGES) {
    it.concurrent(`/${path}: axe finds no WCAG 2.1 A/AA violations and nothing scrolls sideways at 375 px`, async ({ expect }) => {
      const page = await site.browser.newPage({ viewport: { width: 375, height: 900 } });
      await page.goto(site.server.root + path);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  }

  for (const { path, essential } of PAGES) {
    it.concurrent(`/${path}: shows its essential content with JavaScript off`, async ({ expect }) => {
      const ctx = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(site.server.root + path);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text.trim().length).toBeGreaterThan(20);
      if (essential) expect(text).toContain(essential);
      const h1 = await page.locator('h1').count();
      expect(h1).toBe(1);
      await ctx.close();
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
