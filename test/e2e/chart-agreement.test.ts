/** In Chromium, Chart.js places the deadline between the same observations as the build-time SVG, for every fixture indicator. */
import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';
import { readHtml } from '../helpers/html.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('Chart.js agrees with the SVG', () => {
  const site = siteInBrowser();
  const indicators = csvRows(FIXTURE_SITE, 'indicators').filter((i) => i.kind !== 'milestone');

  it('places every observation on the same side of the deadline as the SVG does, and labels the same years', async () => {
    expect(indicators.length).toBeGreaterThan(5);
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const ind of indicators) {
      const svg = readHtml(FIXTURE_SITE.dir, `indicators/${ind.id}/index.html`).querySelector('indicator-chart svg')!;
      const deadlineX = Number(svg.querySelector('[data-deadline]')!.getAttribute('x1'));
      const svgBefore = svg
        .querySelectorAll('[data-date]')
        .filter((d) => Number(d.getAttribute('data-x')) <= deadlineX)
        .map((d) => d.getAttribute('data-date'));
      await page.goto(`${site.server.root}indicators/${ind.id}/`);
      await page.waitForSelector('indicator-chart[data-ready] canvas[data-placement]');
      const placement = JSON.parse((await page.locator('indicator-chart canvas').getAttribute('data-placement'))!) as {
        deadline: number;
        points: Array<{ date: string; x: number }>;
        ticks: Array<{ value: number; label: string }>;
        values: { min: number; max: number; ticks: number[] };
      };
      // The same value axis: the same ends and ticks as the SVG (zero-based, or broken by the same rule).
      const svgTicks = svg.querySelectorAll('[data-value-tick]').map((t) => Number(t.getAttribute('data-value-tick')));
      expect(placement.values.ticks, ind.id).toEqual(svgTicks);
      expect(placement.values.max, ind.id).toBe(svgTicks.at(-1));
      // Zero-based: the axis starts at its lowest tick; broken: a little below it, where the zig-zag is.
      if (svg.querySelector('[data-axis-break]')) expect(placement.values.min, ind.id).toBeLessThan(svgTicks[0]!);
      else expect(placement.values.min, ind.id).toBe(svgTicks[0]);
      // The same years labelled, each label inside its own year (a year's boundary is 1 January).
      const labels = placement.ticks.filter((t) => t.label);
      expect(
        labels.map((t) => t.label),
        ind.id,
      ).toEqual(svg.querySelectorAll('[data-year-label]').map((t) => t.getAttribute('data-year-label')));
      for (const t of labels) expect(new Date(t.value).getUTCFullYear(), ind.id).toBe(Number(t.label));
      const grid = placement.ticks.filter((t) => !t.label).map((t) => new Date(t.value).toISOString().slice(5));
      expect(new Set(grid), ind.id).toEqual(new Set(['01-01T00:00:00.000Z']));
      const jsBefore = placement.points.filter((p) => p.x <= placement.deadline + 0.01).map((p) => p.date);
      expect(jsBefore, ind.id).toEqual(svgBefore);
      // A time axis: observations at distinct days are at distinct places, in date order.
      const xs = placement.points.map((p) => p.x);
      expect(
        [...xs].sort((a, b) => a - b),
        ind.id,
      ).toEqual(xs);
    }
    await page.close();
  });
});
