import { describe, expect, it } from 'vitest';
import { BREAK_BELOW, chartModel, changeText, niceStep, valueAxis } from '../../src/lib/charts/chart-model.ts';
import { chartImageSvg, chartPlotSvg, YEAR_END_NOTE } from '../../src/lib/charts/chart-svg.ts';

const meta = {
  title: '耕地保有量',
  target: '目标 ≥ 3.2 万亩',
  status: '按期达标',
  verdict: '',
  source: '台账',
  licence: 'CC BY 4.0',
  siteName: '站',
  url: 'https://example.org/',
  date: '2020-01-01',
};

describe('the value axis (one rule for SVG, PNG and Chart.js)', () => {
  it('starts at zero when the values spread over at least a fifth of their largest', () => {
    expect(valueAxis([16.7, 22.2, 25])).toEqual({ min: 0, max: 25, ticks: [0, 5, 10, 15, 20, 25], broken: false });
    expect(valueAxis([50, 62.5, 60])).toMatchObject({ min: 0, broken: false }); // range exactly 1/5 of 62.5
    expect(valueAxis([-3, 4])).toMatchObject({ min: -4, max: 4, broken: false }); // across zero: zero is inside anyway
    expect(valueAxis([])).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], broken: false });
  });

  it('is broken for a level that a zero-based axis would flatten (3.31 → 3.27 万亩), never below zero', () => {
    expect(BREAK_BELOW).toBe(0.2);
    expect(valueAxis([3.31, 3.29, 3.27, 3.2])).toEqual({ min: 3.15, max: 3.35, ticks: [3.15, 3.2, 3.25, 3.3, 3.35], broken: true });
    expect(valueAxis([-5, -4.9])).toMatchObject({ broken: true, max: -4.85 });
  });

  it('keeps bars (counts, milestones) at zero whatever the spread', () => {
    expect(valueAxis([95, 100], { bars: true })).toEqual({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100], broken: false });
  });

  it('labels three to seven nice ticks, not only the two ends', () => {
    for (const values of [[1], [0.3, 0.31], [7, 1200], [3.1, 3.2, 3.3], [42.1, 42.9, 43.04], [1e-4, 2e-4], [12345, 12400]]) {
      const a = valueAxis(values);
      expect(a.ticks.length, String(values)).toBeGreaterThanOrEqual(3);
      expect(a.ticks.length, String(values)).toBeLessThanOrEqual(7);
      expect(a.ticks[0]).toBe(a.min);
      expect(a.ticks.at(-1)).toBe(a.max);
      for (const v of values) expect(v >= a.min && v <= a.max, String(values)).toBe(true);
    }
    expect([0.03, 0.15, 0.3, 4, 6, 2500].map(niceStep)).toEqual([0.05, 0.2, 0.5, 5, 10, 5000]);
  });

  it('states the change in percent when broken', () => {
    expect(
      changeText([
        { date: '2015', value: 3.31 },
        { date: '2020', value: 3.27 },
      ]),
    ).toBe('2015–2020 年 −1.2\u00a0%');
    expect(
      changeText([
        { date: '2017-06', value: 10 },
        { date: '2017-12', value: 11 },
      ]),
    ).toBe('2017-06–2017-12 +10.0\u00a0%');
    expect(changeText([{ date: '2015', value: 3 }])).toBeUndefined();
    const level = chartModel({
      kind: 'level',
      unit: '万亩',
      target: 3.2,
      deadline: '2020',
      points: [
        { date: '2015', value: 3.31 },
        { date: '2020', value: 3.27 },
      ],
    });
    expect(level.axis).toMatchObject({ broken: true, change: '2015–2020 年 −1.2\u00a0%' });
    const rate = chartModel({
      kind: 'level',
      unit: '%',
      target: 25,
      deadline: '2017',
      points: [
        { date: '2016', value: 16.7 },
        { date: '2017', value: 22.2 },
      ],
    });
    expect(rate.axis.change).toBeUndefined();
  });
});

describe('the SVG draws the axis of the model', () => {
  const level = chartModel({
    kind: 'level',
    unit: '万亩',
    target: 3.2,
    deadline: '2020',
    points: [
      { date: '2015', value: 3.31 },
      { date: '2020', value: 3.27 },
    ],
  });
  const rate = chartModel({
    kind: 'level',
    unit: '%',
    target: 25,
    deadline: '2017',
    points: [
      { date: '2016', value: 16.7 },
      { date: '2017', value: 22.2 },
    ],
  });

  it('labels every tick, and marks a broken axis with a zig-zag and the change in percent', () => {
    const svg = chartPlotSvg(level);
    expect([...svg.matchAll(/data-value-tick="([^"]+)"/g)].map((m) => m[1])).toEqual(['3.15', '3.2', '3.25', '3.3', '3.35']);
    for (const label of ['3.15 万亩', '3.2 万亩', '3.25 万亩', '3.3 万亩', '3.35 万亩']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('data-axis-break=""');
    expect(svg).toContain('纵轴不从 0 开始（≈ 为折断号）：2015–2020 年 −1.2\u00a0%');
    const plain = chartPlotSvg(rate);
    expect(plain).not.toContain('data-axis-break');
    expect(plain).not.toContain('纵轴不从 0 开始');
    expect(plain).toContain('>0%</text>');
  });

  it('says in the image what a year’s value means (the year-end convention)', () => {
    expect(YEAR_END_NOTE).toBe('只写年份的值按当年 12 月 31 日（年末值）画出，只写年月的按当月最后一天。');
    expect(chartImageSvg(rate, meta)).toContain(`>${YEAR_END_NOTE}</text>`);
  });
});
