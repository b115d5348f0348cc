/**
 * Geometry of the build-time SVG charts (the small trend lines on /indicators/ and the
 * no-JavaScript stand-in for the chart on each indicator page).
 */
import { DAY_MS, timeOf } from '../dates.ts';

export interface ChartInput {
  points: ReadonlyArray<{ date: string; value: number }>;
  target?: number | undefined;
  deadline?: string | undefined;
  width: number;
  height: number;
  pad?: number;
  /** The time axis [from, to] in milliseconds (the chart model's xMin/xMax); else the data's span. */
  domain?: readonly [number, number] | undefined;
  /** The value axis [min, max] (the chart model's axis); else the data's range with a margin. */
  values?: readonly [number, number] | undefined;
  /** Space above the axis's top and below its bottom, in place of `pad` (a zero-based axis sits on the time axis). */
  padY?: readonly [number, number] | undefined;
}

export interface ChartGeometry {
  /** "x,y x,y …" for <polyline>. */
  line: string;
  dots: Array<{ x: number; y: number; date: string; value: number }>;
  targetY?: number;
  deadlineX?: number;
  min: number;
  max: number;
  xOf: (date: string) => number;
  /** x of a time in milliseconds (for the year ticks). */
  xOfT: (ms: number) => number;
  yOf: (value: number) => number;
}

const t = timeOf;
const round = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry(input: ChartInput): ChartGeometry {
  const pad = input.pad ?? 4;
  const values = input.points.map((p) => p.value);
  if (input.target !== undefined) values.push(input.target);
  let min = values.length ? Math.min(...values) : 0;
  let max = values.length ? Math.max(...values) : 1;
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const span = max - min;
  min -= span * 0.08;
  max += span * 0.08;
  if (input.values) [min, max] = input.values;
  const times = input.points.map((p) => t(p.date));
  if (input.deadline) times.push(t(input.deadline));
  let t0 = times.length ? Math.min(...times) : 0;
  let t1 = times.length ? Math.max(...times) : 1;
  if (input.domain) [t0, t1] = input.domain;
  if (t0 === t1) {
    t0 -= 180 * DAY_MS;
    t1 += 180 * DAY_MS;
  }
  const xOfT = (ms: number) => round(pad + ((ms - t0) / (t1 - t0)) * (input.width - 2 * pad));
  const xOf = (date: string) => xOfT(t(date));
  const [top, bottom] = input.padY ?? [pad, pad];
  const yOf = (value: number) => round(input.height - bottom - ((value - min) / (max - min)) * (input.height - top - bottom));
  const dots = input.points.map((p) => ({ x: xOf(p.date), y: yOf(p.value), date: p.date, value: p.value }));
  const g: ChartGeometry = { line: dots.map((d) => `${d.x},${d.y}`).join(' '), dots, min, max, xOf, xOfT, yOf };
  if (input.target !== undefined) g.targetY = yOf(input.target);
  if (input.deadline) g.deadlineX = xOf(input.deadline);
  return g;
}
