/**
 * The embed code a journalist copies from an indicator page, pasted into another site's page
 * (another origin, no script) at 320, 375 and 1280 px: the framed card fits its frame — nothing
 * cut at the bottom, no scrolling either way inside it — and the frame fits the page; every link
 * opens outside the frame; the licence link goes to the licence's text. Also on a host whose
 * CSP drops the snippet's inline style. Saves screenshots under test/.output/embed/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { SITE_LICENCE } from '../../src/lib/site.ts';
import { browserAvailability } from '../helpers/browser.ts';
import { readHtml } from '../helpers/html.ts';
import { OUTPUT, SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';

const browserPath = browserAvailability();
const SHOTS = join(OUTPUT, 'embed');
const indicators = csvRows(FIXTURE_SITE, 'indicators');
const observationsMeta = csvRows(FIXTURE_SITE, 'datasets').find((d) => d.table === 'observations')!;

/** The snippet as offered on the indicator page (the text of its <pre>, entities decoded). */
function offeredSnippet(id: string): string {
  const code = readHtml(FIXTURE_SITE.dir, `indicators/${id}/index.html`).querySelector('.embed-code [data-cite=embed]')!;
  // node-html-parser keeps a <pre>'s content raw: drop the <code> tags, then decode as a browser would.
  return parse(`<p>${code.innerHTML.replace(/<\/?code[^>]*>/g, '')}</p>`)
    .querySelector('p')!
    .text.trim();
}

/** What one framed card measures, read inside the frame. */
interface Fit {
  innerWidth: number;
  innerHeight: number;
  scrollWidth: number;
  scrollHeight: number;
  middle: { scrollHeight: number; clientHeight: number };
  /** Bottom of each line of source, licence and links, and of the licence link. */
  bottoms: number[];
  links: Array<{ text: string; href: string; target: string; rel: string }>;
  base: string | null;
  licence: string | null;
}

describe.skipIf(browserPath.skip)('the embed code on another site', () => {
  const site = siteInBrowser();
  mkdirSync(SHOTS, { recursive: true });

  /** A page of another origin (localhost, the site is on 127.0.0.1) with the snippet in it. */
  async function hostPage<T>(snippet: string, strictCsp: boolean, use: (url: string) => Promise<T>): Promise<T> {
    // The snippet points at SITE_URL; here the site is served at site.server.root.
    const body = snippet.replaceAll(`${new URL(SITE_URL).origin}${SITE_BASE}`, site.server.root);
    const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>新闻</title><body><p>一篇报道的正文。</p>${body}<p>正文继续。</p></body></html>`;
    const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
    if (strictCsp) headers['Content-Security-Policy'] = "default-src 'self'; style-src 'self'; frame-src *";
    const server = createServer((_req, res) => res.writeHead(200, headers).end(html));
    await new Promise<void>((ok) => server.listen(0, 'localhost', ok));
    try {
      return await use(`http://localhost:${(server.address() as AddressInfo).port}/`);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  }

  for (const width of [320, 375, 1280]) {
    it(`fits its frame, and the frame the page, at ${width} px; links leave the frame; the licence link is the licence`, async () => {
      expect(indicators.length).toBeGreaterThan(10);
      const page = await site.browser.newPage({ viewport: { width, height: 900 } });
      const failures: string[] = [];
      for (const strictCsp of width === 320 ? [false, true] : [false]) {
        // Every indicator's snippet, one after another in one article, as a page embedding several charts has them.
        await hostPage(indicators.map((ind) => offeredSnippet(ind.id!)).join('<p>正文继续。</p>'), strictCsp, async (url) => {
          await page.goto(url);
          const frames = page.locator('iframe');
          expect(await frames.count()).toBe(indicators.length);
          for (const [k, ind] of indicators.entries()) {
            const frameEl = frames.nth(k);
            // The snippet's frames load lazily: bring each into view, as a reader scrolling the article does.
            await frameEl.scrollIntoViewIfNeeded();
            const framed = (await (await frameEl.elementHandle())!.contentFrame())!;
            await framed.waitForSelector('.embed-source a');
            expect(framed.url(), ind.id).toContain(`/embed/indicators/${ind.id}/`);
            const box = (await frameEl.boundingBox())!;
            const hostWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            const fit: Fit = await framed.evaluate(() => {
              const d = document.documentElement;
              const middle = document.querySelector('.embed-middle')!;
              const licence = document.querySelector<HTMLAnchorElement>('a[rel~=license]');
              return {
                innerWidth,
                innerHeight,
                scrollWidth: d.scrollWidth,
                scrollHeight: d.scrollHeight,
                middle: { scrollHeight: middle.scrollHeight, clientHeight: middle.clientHeight },
                bottoms: [...document.querySelectorAll('.embed-source'), ...(licence ? [licence] : [])].map((e) => e.getBoundingClientRect().bottom),
                links: [...document.querySelectorAll('a')].map((a) => ({
                  text: a.textContent.trim(),
                  href: a.href,
                  target: a.getAttribute('target') ?? '',
                  rel: a.getAttribute('rel') ?? '',
                })),
                base: document.querySelector('base')?.getAttribute('target') ?? null,
                licence: licence?.href ?? null,
              };
            });
            const where = `${ind.id} at ${width} px${strictCsp ? ' (host CSP drops inline styles)' : ''}`;
            if (box.x + box.width > width || hostWidth > width) failures.push(`${where}: the frame (${box.x}+${box.width}) is wider than the page`);
            if (fit.scrollWidth > fit.innerWidth) failures.push(`${where}: scrolls sideways inside the frame (${fit.scrollWidth} > ${fit.innerWidth})`);
            if (fit.scrollHeight > fit.innerHeight) failures.push(`${where}: taller than its frame (${fit.scrollHeight} > ${fit.innerHeight})`);
            if (fit.middle.scrollHeight > fit.middle.clientHeight + 1)
              failures.push(`${where}: the chart and notice scroll (${fit.middle.scrollHeight} > ${fit.middle.clientHeight})`);
            if (fit.bottoms.length < 3 || fit.bottoms.some((b) => b > fit.innerHeight))
              failures.push(`${where}: source or licence line below the frame (${fit.bottoms.join(', ')} > ${fit.innerHeight})`);
            expect(fit.base, where).toBe('_blank');
            expect(fit.links.length, where).toBeGreaterThanOrEqual(5);
            for (const a of fit.links) {
              expect(['_top', '_blank'], `${where}: ${a.text}`).toContain(a.target);
              if (a.target === '_blank') expect(a.rel.split(' '), `${where}: ${a.text}`).toContain('noopener');
            }
            expect(
              fit.links.map((a) => a.text),
              where,
            ).toContain('了解哪些数据是示例');
            // The fixture's observations are CC-BY-4.0 without a licence_url: the site licence's Chinese text.
            expect(observationsMeta.licence_url, where).toBe('');
            expect(fit.licence, where).toBe(SITE_LICENCE.url);
            if (k === 0) await page.screenshot({ path: join(SHOTS, `${width}${strictCsp ? '-strict-csp' : ''}.png`) });
          }
        });
      }
      await page.close();
      expect(failures).toEqual([]);
    });
  }

  it('opens the sample notice in a new tab, leaving the host page where it was', async () => {
    const ind = indicators[0]!;
    await hostPage(offeredSnippet(ind.id!), false, async (url) => {
      const context = await site.browser.newContext({ viewport: { width: 375, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      const framed = page.frameLocator('iframe');
      const [opened] = await Promise.all([context.waitForEvent('page'), framed.getByRole('link', { name: '了解哪些数据是示例' }).click()]);
      await opened.waitForLoadState();
      expect(opened.url()).toContain(`${SITE_BASE}about/`);
      expect(page.url()).toBe(url);
      expect(
        page
          .frames()
          .find((f) => f !== page.mainFrame())
          ?.url(),
      ).toContain(`/embed/indicators/${ind.id}/`);
      await context.close();
    });
  });
});
