/**
 * The build-time SVG and the Chart.js chart draw one chart model (src/lib/charts/chart-model.ts):
 * for every indicator of the fixture, both place the deadline between the same observations,
 * and the value read at the deadline is the one the verdict states.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { chartJsData, type ChartModel } from '../../src/lib/charts/chart-model.ts';

const site = FIXTURE_SITE;
const verdicts = new Map(
  Papa.parse<Record<string, string>>(readFileSync(join(site.dir, 'data/indicator-progress.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map(
    (r) => [r.indicator!, r],
  ),
);

describe('charts agree with their verdicts, on every indicator of the fixture', () => {
  const indicators = csvRows(site, 'indicators');

  it('places the deadline between the same observations in the SVG and in the Chart.js data', () => {
    expect(indicators.length).toBeGreaterThan(10);
    for (const ind of indicators) {
      const doc = readHtml(site.dir, `indicators/${ind.id}/index.html`);
      const model = JSON.parse(doc.querySelector('indicator-chart')!.getAttribute('data-spec')!) as ChartModel;
      const js = chartJsData(model);
      const svg = doc.querySelector('indicator-chart svg')!;
      const deadlineX = Number(svg.querySelector('[data-deadline]')!.getAttribute('x1'));
      const svgBefore = svg
        .querySelectorAll('[data-date]')
        .filter((d) => Number(d.getAttribute('data-x')) <= deadlineX)
        .map((d) => d.getAttribute('data-date'));
      const jsBefore = js.observations.filter((o) => o.x <= js.deadlineX).map((o) => o.date);
      expect(svgBefore, ind.id).toEqual(jsBefore);
      expect(
        svg.querySelectorAll('[data-date]').map((d) => d.getAttribute('data-date')),
        ind.id,
      ).toEqual(js.observations.map((o) => o.date));
      // Both label the target and the deadline.
      expect(svg.textContent, ind.id).toContain(`期限 ${model.deadline}`);
      expect(svg.textContent, ind.id).toContain('目标');
    }
  });

  it('reads at the deadline the value the verdict states, and milestones show it beside the latest', () => {
    let checked = 0;
    for (const ind of indicators) {
      const v = verdicts.get(ind.id!)!;
      if (!v.met_by_deadline || v.deadline_value === '') continue;
      const doc = readHtml(site.dir, `indicators/${ind.id}/index.html`);
      const model = JSON.parse(doc.querySelector('indicator-chart')!.getAttribute('data-spec')!) as ChartModel;
      const js = chartJsData(model);
      const read = js.observations.filter((o) => o.x <= js.deadlineX).at(-1);
      expect([read?.date, read?.y], ind.id).toEqual([v.deadline_date, Number(v.deadline_value)]);
      expect(model.atDeadline?.value, ind.id).toBe(Number(v.deadline_value));
      if (ind.kind === 'milestone') {
        expect(js.bars[0], ind.id).toEqual({ label: `期限时（${v.deadline_date}）`, value: Number(v.deadline_value) });
        if (v.latest_date !== v.deadline_date) expect(js.bars[1], ind.id).toEqual({ label: `最新（${v.latest_date}）`, value: Number(v.latest_value) });
        expect(doc.querySelector('indicator-chart svg')!.textContent, ind.id).toContain('期限时');
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
