/**
 * One chart model for an indicator, drawn by both the build-time SVG
 * (IndicatorSvgChart.astro, via chart-geometry.ts) and the Chart.js chart
 * (src/scripts/chart-setup.ts). Dates are placed on a time axis as the methodology says: a year
 * or a month counts as its last day (dates.ts endOfPartialDate), so "2017" and "2017-12-31"
 * fall on the same day, the deadline. The value read at the deadline is the one the verdict
 * uses: the latest observation on or before the deadline day.
 */
import { endOfPartialDate } from './dates.ts';
import type { IndicatorKind } from '../schemas/enums.ts';

/** Milliseconds of the last day a (partial) date covers, UTC. */
export const timeOf = (iso: string): number => Date.parse(`${endOfPartialDate(iso)}T00:00:00Z`);

export interface ChartPoint {
  date: string;
  t: number;
  value: number;
}

export interface ChartModel {
  kind: IndicatorKind;
  unit: string;
  target: number;
  /** The deadline as a day, and its time. */
  deadline: string;
  deadlineT: number;
  points: ChartPoint[];
  /** The observation the verdict at the deadline rests on, if any. */
  atDeadline?: ChartPoint;
  latest?: ChartPoint;
  /** The time axis: from the first observation (or deadline) to the last, padded. */
  xMin: number;
  xMax: number;
}

export function chartModel(input: { kind: IndicatorKind; unit?: string | undefined; target: number; deadline: string; points: ReadonlyArray<{ date: string; value: number }> }): ChartModel {
  const points = input.points.map((p) => ({ date: p.date, t: timeOf(p.date), value: p.value })).sort((a, b) => a.t - b.t);
  const deadline = endOfPartialDate(input.deadline);
  const deadlineT = timeOf(deadline);
  const before = points.filter((p) => p.t <= deadlineT);
  const times = [...points.map((p) => p.t), deadlineT];
  const pad = 120 * 86_400_000;
  const model: ChartModel = { kind: input.kind, unit: input.unit ?? '', target: input.target, deadline, deadlineT, points, xMin: Math.min(...times) - pad, xMax: Math.max(...times) + pad };
  const at = before.at(-1);
  if (at) model.atDeadline = at;
  const latest = points.at(-1);
  if (latest) model.latest = latest;
  return model;
}

/** What the Chart.js chart plots, as plain data (x in milliseconds on a linear time axis). */
export interface ChartJsData {
  observations: Array<{ x: number; y: number; date: string }>;
  target: Array<{ x: number; y: number }>;
  deadlineX: number;
  /** Milestones: the value at the deadline and the latest, as horizontal bars. */
  bars: Array<{ label: string; value: number }>;
}

export function chartJsData(m: ChartModel): ChartJsData {
  const bars: ChartJsData['bars'] = [];
  if (m.kind === 'milestone') {
    bars.push({ label: m.atDeadline ? `期限时（${m.atDeadline.date}）` : '期限时（无数据）', value: m.atDeadline?.value ?? 0 });
    if (m.latest && m.latest.date !== m.atDeadline?.date) bars.push({ label: `最新（${m.latest.date}）`, value: m.latest.value });
  }
  return {
    observations: m.points.map((p) => ({ x: p.t, y: p.value, date: p.date })),
    target: [{ x: m.xMin, y: m.target }, { x: m.xMax, y: m.target }],
    deadlineX: m.deadlineT,
    bars,
  };
}
