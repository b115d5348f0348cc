/**
 * One chart model for an indicator, drawn by both the build-time SVG
 * (IndicatorSvgChart.astro, via chart-geometry.ts) and the Chart.js chart
 * (src/scripts/chart-setup.ts). Dates are placed on a time axis as the methodology says: a year
 * or a month counts as its last day (dates.ts endOfPartialDate), so "2017" and "2017-12-31"
 * fall on the same day, the deadline. The value read at the deadline is the one the verdict
 * uses: the latest observation on or before the deadline day.
 */
import { DAY_MS, endOfPartialDate, timeOf } from '../dates.ts';
import type { IndicatorKind } from '../../schemas/enums.ts';

/** Milliseconds of the last day a (partial) date covers, UTC. */

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
  /** The time axis: from 1 January of the first year shown to a little after the last mark. */
  xMin: number;
  xMax: number;
  /**
   * The years of the time axis: a grid line at each year's boundary (1 January, `t`) and the
   * year's label in the middle of its span (`mid`), so a year-only observation "2017", placed
   * on 2017-12-31 as the methodology says, lies at the right end of the span labelled 2017 —
   * not under a tick "2018". Every few years when the axis is long (at most 8 labels).
   */
  years: YearBand[];
  /** The value axis every drawing of the chart uses (SVG, PNG, Chart.js): see valueAxis. */
  axis: ValueAxis;
}

/**
 * The value axis: its ends and labelled ticks, whether it is broken (does not start at zero),
 * and, when broken, the change from the first to the latest observation in words.
 */
export interface ValueAxis {
  min: number;
  max: number;
  /** Labelled ticks from min to max, evenly spaced at a "nice" step (1, 2 or 5 × 10ⁿ): three to seven of them. */
  ticks: number[];
  /** True when the axis leaves out zero: drawn with a zig-zag on the axis. */
  broken: boolean;
  /** When broken: "2015–2020 年 −1.2 %", the change the reader should read instead of the slope. */
  change?: string;
}

/**
 * The rule (stated on /methodology/): the value axis starts at zero, unless the values shown
 * (observations and target) lie on one side of zero and their range is under BREAK_BELOW of
 * the largest of them — a level such as 3.31 → 3.27 万亩, which a zero-based axis would flatten
 * into a line. Then the axis is broken and the chart states the change in percent. Counts and
 * milestones (drawn as bars by Chart.js) always start at zero: a bar's length is its value.
 */
export const BREAK_BELOW = 0.2;

const NICE = [1, 2, 5, 10];

/** The smallest nice step (1, 2 or 5 × 10ⁿ) at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return (NICE.find((n) => n * pow >= raw * (1 - 1e-9)) ?? 10) * pow;
}

const clean = (n: number) => Number(n.toPrecision(12));

export function valueAxis(values: readonly number[], options: { bars?: boolean } = {}): ValueAxis {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  const largest = Math.max(Math.abs(lo), Math.abs(hi));
  const oneSide = lo > 0 || hi < 0;
  const broken = oneSide && !options.bars && (hi - lo) / largest < BREAK_BELOW;
  if (!broken) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi === lo) {
    // One value (or only zeros): a span around it.
    const d = hi === 0 ? 1 : Math.abs(hi) * 0.05;
    if (broken) lo -= d;
    hi += d;
  }
  // A broken axis gets room beyond the data, so its ends are ticks below and above every mark.
  if (broken) {
    const room = (hi - lo) * 0.05;
    hi += room;
    lo -= room;
  }
  const step = niceStep((hi - lo) / 5);
  let min = clean(Math.floor(lo / step + 1e-9) * step);
  let max = clean(Math.ceil(hi / step - 1e-9) * step);
  // A broken axis never reaches past zero (a level of 3.2 is not drawn from −0.5).
  if (broken && lo > 0 && min < 0) min = 0;
  if (broken && hi < 0 && max > 0) max = 0;
  if (max === min) max = clean(min + step);
  const ticks: number[] = [];
  for (let v = min; v <= max + step * 1e-9; v += step) ticks.push(clean(v));
  return { min, max, ticks, broken: broken && min !== 0 && max !== 0 };
}

/** "2015–2020 年 −1.2 %": from the first observation to the latest, in percent of the first. */
export function changeText(points: ReadonlyArray<{ date: string; value: number }>): string | undefined {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2 || first.value === 0) return undefined;
  const pct = ((last.value - first.value) / Math.abs(first.value)) * 100;
  const shown = Math.abs(pct).toFixed(1);
  const sign = shown === '0.0' ? '±' : pct < 0 ? '−' : '+';
  const y1 = first.date.slice(0, 4);
  const y2 = last.date.slice(0, 4);
  const span = y1 === y2 ? `${first.date}–${last.date}` : `${y1}–${y2} 年`;
  // A no-break space, so the figure and its % never part at a line end.
  return `${span} ${sign}${shown}\u00a0%`;
}

export interface YearBand {
  year: number;
  /** 1 January of the year (a grid line), when inside the axis. */
  t?: number;
  /** Where the label goes: the middle of the part of the year the axis shows (none when under a quarter year). */
  mid?: number;
}

const yearStart = (y: number) => Date.UTC(y, 0, 1);
const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/**
 * The year bands of an axis [xMin, xMax]: every 1, 2, 5, 10 … years so that at most `most`
 * remain; a band shorter than a quarter year at either end gets no label.
 */
export function yearBands(xMin: number, xMax: number, most = 8): YearBand[] {
  const first = yearOf(xMin);
  const last = yearOf(xMax);
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => Math.ceil((last - first + 1) / s) <= most) ?? Math.ceil((last - first + 1) / most);
  const out: YearBand[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) {
    const start = yearStart(y);
    const band: YearBand = { year: y };
    if (start >= xMin && start <= xMax) band.t = start;
    const from = Math.max(start, xMin);
    const to = Math.min(yearStart(y + 1), xMax);
    if (to - from >= 91 * DAY_MS) band.mid = Math.round((from + to) / 2);
    if (band.t !== undefined || band.mid !== undefined) out.push(band);
  }
  return out;
}

export function chartModel(input: {
  kind: IndicatorKind;
  unit?: string | undefined;
  target: number;
  deadline: string;
  points: ReadonlyArray<{ date: string; value: number }>;
}): ChartModel {
  const points = input.points.map((p) => ({ date: p.date, t: timeOf(p.date), value: p.value })).sort((a, b) => a.t - b.t);
  const deadline = endOfPartialDate(input.deadline);
  const deadlineT = timeOf(deadline);
  const before = points.filter((p) => p.t <= deadlineT);
  const times = [...points.map((p) => p.t), deadlineT];
  // From the start of the first year shown (a month before the first mark at least), so the
  // first year's span is whole, to six weeks after the last mark.
  const xMin = yearStart(yearOf(Math.min(...times) - 30 * DAY_MS));
  const xMax = Math.max(...times) + 45 * DAY_MS;
  const model: ChartModel = {
    kind: input.kind,
    unit: input.unit ?? '',
    target: input.target,
    deadline,
    deadlineT,
    points,
    xMin,
    xMax,
    years: yearBands(xMin, xMax),
    axis: valueAxis([...points.map((p) => p.value), input.target], { bars: input.kind !== 'level' }),
  };
  if (model.axis.broken) {
    const change = changeText(points);
    if (change) model.axis.change = change;
  }
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
  /** The x axis's ticks: year boundaries (a grid line, no label) and mid-years (the label, no grid line). */
  ticks: Array<{ value: number; label: string; grid: boolean }>;
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
    target: [
      { x: m.xMin, y: m.target },
      { x: m.xMax, y: m.target },
    ],
    deadlineX: m.deadlineT,
    ticks: m.years
      .flatMap((y) => [
        ...(y.t !== undefined ? [{ value: y.t, label: '', grid: true }] : []),
        ...(y.mid !== undefined ? [{ value: y.mid, label: String(y.year), grid: false }] : []),
      ])
      .sort((a, b) => a.value - b.value),
    bars,
  };
}
