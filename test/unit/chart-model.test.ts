/**
 * The time axis of the chart model (src/lib/charts/chart-model.ts), which the build-time SVG, the
 * chart image and Chart.js all draw: years are marked at their boundaries (1 January) and
 * labelled in the middle of their span, so a year-only observation, placed on its last day as
 * the methodology says, lies inside the span that carries its label.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chartJsData, chartModel, yearBands } from '../../src/lib/charts/chart-model.ts';
import { timeOf } from '../../src/lib/dates.ts';

const jan1 = (y: number) => Date.UTC(y, 0, 1);

describe('year axis', () => {
  it('starts on 1 January of the first year shown and marks each year at 1 January, labelled mid-span', () => {
    const m = chartModel({
      kind: 'level',
      unit: '%',
      target: 25,
      deadline: '2017',
      points: [
        { date: '2016', value: 16.7 },
        { date: '2017-12-31', value: 22.2 },
        { date: '2019', value: 33.3 },
      ],
    });
    expect(m.xMin).toBe(jan1(2016));
    // Grid lines at every 1 January on the axis (2020-01-01 too, six weeks before its end)…
    expect(m.years.map((y) => y.t)).toEqual([2016, 2017, 2018, 2019, 2020].map(jan1));
    // …and labels only for years the axis shows a good part of.
    const labelled = m.years.filter((y) => y.mid !== undefined);
    expect(labelled.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019]);
    for (const y of labelled) {
      expect(y.mid).toBeGreaterThan(jan1(y.year));
      expect(y.mid).toBeLessThan(Math.min(jan1(y.year + 1), m.xMax));
    }
    // "2016" sits on 2016-12-31: inside the span labelled 2016, not at the boundary labelled 2017.
    const p2016 = m.points[0]!.t;
    expect(p2016).toBe(timeOf('2016-12-31'));
    expect(p2016).toBeGreaterThanOrEqual(m.years[0]!.t!);
    expect(p2016).toBeLessThan(m.years[1]!.t!);
  });

  it('gives Chart.js the same years: grid ticks at 1 January without a label, labels mid-year without a grid line', () => {
    const m = chartModel({
      kind: 'count',
      unit: '座',
      target: 44,
      deadline: '2020',
      points: [
        { date: '2017-06', value: 10 },
        { date: '2020', value: 44 },
      ],
    });
    const { ticks } = chartJsData(m);
    expect(ticks.filter((t) => t.grid).map((t) => t.value)).toEqual(m.years.flatMap((y) => (y.t !== undefined ? [y.t] : [])));
    for (const t of ticks.filter((x) => !x.grid)) {
      const year = Number(t.label);
      expect(t.value, t.label).toBeGreaterThan(jan1(year));
      expect(t.value, t.label).toBeLessThan(jan1(year + 1));
    }
    expect(ticks.filter((t) => t.grid).every((t) => t.label === '')).toBe(true);
    expect(ticks.map((t) => t.value)).toEqual([...ticks.map((t) => t.value)].sort((a, b) => a - b));
  });

  it('labels a long axis every few years, at most eight labels, still at year boundaries', () => {
    const bands = yearBands(jan1(1990), jan1(2031));
    expect(bands.filter((b) => b.mid !== undefined).length).toBeLessThanOrEqual(8);
    const years = bands.map((b) => b.year);
    const step = years[1]! - years[0]!;
    expect(step).toBe(10);
    for (const b of bands) expect(b.year % step).toBe(0);
  });

  it('never labels a year outside the axis, and every observation lies on the axis', () => {
    const date = fc
      .tuple(fc.integer({ min: 1990, max: 2040 }), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }))
      .map(([y, mo]) => (mo ? `${y}-${String(mo).padStart(2, '0')}` : String(y)));
    fc.assert(
      fc.property(fc.array(date, { minLength: 0, maxLength: 6 }), date, (dates, deadline) => {
        const m = chartModel({ kind: 'level', target: 1, deadline, points: dates.map((d, i) => ({ date: d, value: i })) });
        for (const p of m.points) expect(p.t >= m.xMin && p.t <= m.xMax).toBe(true);
        expect(m.deadlineT >= m.xMin && m.deadlineT <= m.xMax).toBe(true);
        for (const y of m.years) {
          if (y.t !== undefined) expect(y.t >= m.xMin && y.t <= m.xMax).toBe(true);
          if (y.mid !== undefined) expect(y.mid >= Math.max(m.xMin, jan1(y.year)) && y.mid <= Math.min(m.xMax, jan1(y.year + 1))).toBe(true);
        }
        expect(m.years.filter((y) => y.mid !== undefined).length).toBeLessThanOrEqual(8);
      }),
    );
  });
});
