/**
 * Progress status of an indicator, computed from its observations (DESIGN §1.2, issue
 * "Indicator progress"). The rules, also explained to readers on /methodology/:
 *
 * - A target is met when the value is at or beyond it (≥ or ≤). Milestones are completion
 *   shares and are met at 100 %.
 * - Before the deadline: met if the latest value meets the target; otherwise on track if the
 *   latest value is at or beyond a straight line drawn from the baseline (the first
 *   observation when no baseline is given) to the target at the deadline; else behind.
 * - After the deadline there are two verdicts: at the deadline (the latest observation on or
 *   before it) and now (the latest observation). "Met late" and "met but since slipped"
 *   come from comparing them.
 *
 * Observation dates may be a year or a month; they count as of their last day.
 */
import { endOfPartialDate, timeOf } from './dates.ts';

import type { PickRow } from '../schemas/index.ts';

export const PROGRESS_STATUSES = ['已达标', '进度正常', '进度滞后', '未达标', '暂无数据'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * The scoreboard: every indicator falls in exactly one of these, so a count never mixes a
 * target met on time with one met late (issue #15). "按期达标" covers targets met by their
 * deadline and still met, and targets already met before a deadline still ahead.
 */
export const SCORE_STATUSES = ['按期达标', '逾期达标', '达标后回落', '未达标', '进度正常', '进度滞后', '暂无数据'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

/** The columns of indicators.csv that set a target. */
export type IndicatorTarget = PickRow<'indicators', 'kind' | 'comparator' | 'target' | 'target_date' | 'baseline' | 'baseline_date' | 'unit'>;

export interface Point {
  date: string;
  value: number;
}

export type Nuance = 'met-late' | 'slipped' | undefined;

export interface Progress {
  status: ProgressStatus;
  /** The scoreboard class: status and nuance in one (see SCORE_STATUSES). */
  result: ScoreStatus;
  /** Verdict at the deadline; undefined while the deadline has not passed. */
  atDeadline?: ProgressStatus;
  nuance: Nuance;
  latest?: Point;
  /** The observation the deadline verdict rests on. */
  deadlinePoint?: Point;
  /** Value the straight line expects at the latest observation (before the deadline). */
  expected?: number;
  deadlinePassed: boolean;
  /** The deadline as a day (a year or month counts as its last day). */
  deadline: string;
  target: number;
  comparator: '>=' | '<=';
  /** The verdict in words, e.g. "目标 ≥ 20%；截至 2017-12-31 实际 21.3%；已达标". */
  explanation: string;
}

const time = timeOf;

export function effectiveTarget(ind: IndicatorTarget): { target: number; comparator: '>=' | '<=' } {
  if (ind.kind === 'milestone') return { target: ind.target ?? 100, comparator: ind.comparator ?? '>=' };
  return { target: ind.target ?? 0, comparator: ind.comparator ?? '>=' };
}

export function meets(value: number, target: number, comparator: '>=' | '<='): boolean {
  return comparator === '>=' ? value >= target : value <= target;
}

export function formatValue(v: number, unit = ''): string {
  const n = Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** Status and nuance as one scoreboard class. */
export function scoreStatus(p: { status: ProgressStatus; nuance: Nuance }): ScoreStatus {
  if (p.nuance === 'met-late') return '逾期达标';
  if (p.nuance === 'slipped') return '达标后回落';
  return p.status === '已达标' ? '按期达标' : p.status;
}

export interface Scoreboard {
  total: number;
  /** Indicators whose deadline has passed. */
  deadlinePassed: number;
  /** One count per scoreboard class, in the order of SCORE_STATUSES. */
  counts: Array<[ScoreStatus, number]>;
  /** Indicators whose observations stopped while they are still tracked. */
  stopped: number;
}

export function scoreboard(progresses: readonly Pick<Progress, 'result' | 'deadlinePassed'>[], stopped = 0): Scoreboard {
  return {
    stopped,
    total: progresses.length,
    deadlinePassed: progresses.filter((p) => p.deadlinePassed).length,
    counts: SCORE_STATUSES.map((s) => [s, progresses.filter((p) => p.result === s).length]),
  };
}

/** Whole years from the deadline to today (0 when less than a year). */
function yearsSince(deadline: string, today: string): number {
  const [dy, dm, dd] = deadline.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = endOfPartialDate(today).split('-').map(Number) as [number, number, number];
  return ty - dy - (tm < dm || (tm === dm && td < dd) ? 1 : 0);
}

export function computeProgress(ind: IndicatorTarget, observations: readonly Point[], today: string): Progress {
  const p = computeStatus(ind, observations, today);
  return { ...p, result: scoreStatus(p) };
}

function computeStatus(ind: IndicatorTarget, observations: readonly Point[], today: string): Omit<Progress, 'result'> {
  const { target, comparator } = effectiveTarget(ind);
  const unit = ind.unit ?? '';
  const obs = [...observations].sort((a, b) => time(a.date) - time(b.date));
  const deadline = endOfPartialDate(ind.target_date);
  const deadlinePassed = time(today) > time(deadline);
  const latest = obs[obs.length - 1];
  const targetText = `目标 ${comparator === '>=' ? '≥' : '≤'} ${formatValue(target, unit)}（期限 ${deadline}）`;
  const base = { target, comparator, deadlinePassed, deadline, nuance: undefined as Nuance };

  if (!latest) {
    if (!deadlinePassed) return { ...base, status: '暂无数据', explanation: `${targetText}；还没有观测数据；暂无数据` };
    const years = yearsSince(deadline, today);
    const late = years >= 1 ? `期限已过去 ${years} 年，仍没有任何观测数据` : '期限已过，仍没有任何观测数据';
    return { ...base, status: '暂无数据', atDeadline: '暂无数据', explanation: `${targetText}；${late}；暂无数据` };
  }
  const latestText = `截至 ${latest.date} 实际 ${formatValue(latest.value, unit)}`;

  if (!deadlinePassed) {
    if (meets(latest.value, target, comparator)) {
      return { ...base, status: '已达标', latest, explanation: `${targetText}；${latestText}；已达标` };
    }
    const start: Point | undefined = ind.baseline !== undefined && ind.baseline_date !== undefined ? { date: ind.baseline_date, value: ind.baseline } : obs[0];
    const t0 = time(start!.date);
    const span = time(deadline) - t0;
    const share = span <= 0 ? 1 : Math.min(1, Math.max(0, (time(latest.date) - t0) / span));
    const expected = start!.value + (target - start!.value) * share;
    const onTrack = meets(latest.value, expected, comparator);
    const status: ProgressStatus = onTrack ? '进度正常' : '进度滞后';
    return {
      ...base,
      status,
      latest,
      expected,
      explanation: `${targetText}；${latestText}，按期限均匀推进此时应${comparator === '>=' ? '达到' : '不高于'} ${formatValue(Number(expected.toFixed(2)), unit)}；${status}`,
    };
  }

  const beforeDeadline = obs.filter((o) => time(o.date) <= time(deadline));
  const deadlinePoint = beforeDeadline[beforeDeadline.length - 1];
  const atDeadline: ProgressStatus = !deadlinePoint ? '暂无数据' : meets(deadlinePoint.value, target, comparator) ? '已达标' : '未达标';
  const nowMet = meets(latest.value, target, comparator);
  const status: ProgressStatus = nowMet ? '已达标' : '未达标';
  let nuance: Nuance;
  if (nowMet && atDeadline !== '已达标') nuance = 'met-late';
  if (!nowMet && atDeadline === '已达标') nuance = 'slipped';

  const parts = [targetText];
  if (deadlinePoint) parts.push(`截至 ${deadlinePoint.date} 实际 ${formatValue(deadlinePoint.value, unit)}，期限时${atDeadline}`);
  else parts.push('期限前没有观测数据');
  if (latest !== deadlinePoint) parts.push(`最新 ${latest.date} 实际 ${formatValue(latest.value, unit)}`);
  const verdict = nuance === 'met-late' ? '逾期达标' : nuance === 'slipped' ? '曾达标，后回落，现未达标' : status;
  parts.push(verdict);
  const result: Omit<Progress, 'result'> = { ...base, status, atDeadline, nuance, latest, explanation: parts.join('；') };
  if (deadlinePoint) result.deadlinePoint = deadlinePoint;
  return result;
}
