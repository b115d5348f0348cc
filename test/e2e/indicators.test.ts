import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { axeViolations } from '../helpers/axe.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('indicators in Chromium', () => {
  const site = siteInBrowser();

  for (const id of ['class3-rivers', 'voc-treatment', 'dingzi-river']) {
    it(`draws the Chart.js chart for ${id} (non-blank canvas) and hides the SVG stand-in`, async () => {
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${site.server.root}indicators/${id}/`);
      await page.waitForSelector('indicator-chart[data-ready] canvas');
      const painted = await page.evaluate(() => {
        const c = document.querySelector('indicator-chart canvas') as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect(painted).toBeGreaterThan(500);
      expect(await page.locator('indicator-chart svg').isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('loads Chart.js only on indicator pages', async () => {
    for (const [path, expectChart] of [
      ['indicators/class3-rivers/', true],
      ['indicators/', false],
      ['plan/gushan-2017/', false],
      ['', false],
    ] as const) {
      const page = await site.browser.newPage();
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(site.server.root + path);
      await page.waitForLoadState('networkidle');
      expect(
        scripts.some((s) => s.includes('chart-setup')),
        path,
      ).toBe(expectChart);
      await page.close();
    }
  });

  it('shows the table and the SVG chart with JavaScript disabled', async () => {
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${site.server.root}indicators/class3-rivers/`);
    expect(await page.locator('indicator-chart svg').isVisible()).toBe(true);
    expect(await page.locator('.obs-table tbody tr').count()).toBe(3);
    expect(await page.locator('.obs-table').textContent()).toContain('33.3%');
    await ctx.close();
  });

  it('runs a real axe check (a missing alt text is caught)', async () => {
    const page = await site.browser.newPage();
    await page.goto(site.server.root);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="favicon.svg">'));
    expect((await axeViolations(page)).join('\n')).toContain('image-alt');
    await page.close();
  });
});
