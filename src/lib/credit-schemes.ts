/**
 * Which rules a rating was given under. Jiangsu's scheme changed while the plan ran (an annual
 * five-colour rating, then from 2019 a half-yearly 12-point score), so every rating is read with
 * the scheme in force on the last day of its period, and that scheme's score bands and
 * consequences. Pure and browser-safe: the validator, the build and the checker share it.
 */
import { PERIOD, endOfPartialDate } from './dates.ts';
import type { PeriodKind, Rating } from '../schemas/enums.ts';
import type { PickRow } from '../schemas/index.ts';

export type SchemeRow = PickRow<'credit-schemes', 'id' | 'name' | 'valid_from' | 'valid_to' | 'period_kind' | 'score_scale'>;
export type BandRow = PickRow<'credit-levels', 'scheme' | 'rating' | 'score_min' | 'score_max'>;

/** 年度 for 2018, 半年度 for 2019-H1 and 2019-H2; undefined when it is not a period. */
export function periodKindOf(period: string): PeriodKind | undefined {
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  return m[2] === undefined ? '年度' : '半年度';
}

/** The last day of a period: 2018 → 2018-12-31, 2019-H1 → 2019-06-30, 2019-H2 → 2019-12-31. */
export function periodEnd(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  return m[2] === 'H1' ? `${m[1]}-06-30` : endOfPartialDate(m[1]!);
}

/** Whether a scheme is in force on a day (YYYY-MM-DD). */
export function inForce(s: Pick<SchemeRow, 'valid_from'> & { valid_to?: string | undefined }, day: string): boolean {
  return s.valid_from <= day && (s.valid_to === undefined || day <= s.valid_to);
}

/** The scheme a rating of this period was given under: the one in force on the period's last day. */
export function schemeFor<S extends SchemeRow>(period: string, schemes: readonly S[]): S | undefined {
  const end = periodEnd(period);
  return schemes.find((s) => inForce(s, end));
}

/** The periods a scheme's kind allows in a year, for messages: 2019 or 2019-H1、2019-H2. */
export function periodsOfKind(kind: PeriodKind, year: string): string {
  return kind === '年度' ? year : `${year}-H1、${year}-H2`;
}

/** "2013-01-01 至 2018-12-31", "2020-01-01 起". */
export function validityText(s: Pick<SchemeRow, 'valid_from'> & { valid_to?: string | undefined }): string {
  return s.valid_to === undefined ? `${s.valid_from} 起` : `${s.valid_from} 至 ${s.valid_to}`;
}

/** A band as readers say it: "11–12 分", "0 分及以下", "6 分及以上"; undefined when the row has none. */
export function bandText(b: Pick<BandRow, 'score_min' | 'score_max'> | { score_min?: number | undefined; score_max?: number | undefined }): string | undefined {
  const { score_min: min, score_max: max } = b;
  if (min === undefined && max === undefined) return undefined;
  if (min === undefined) return `${max} 分及以下`;
  if (max === undefined) return `${min} 分及以上`;
  return min === max ? `${min} 分` : `${min}–${max} 分`;
}

function inBand(b: BandRow, score: number): boolean {
  if (b.score_min === undefined && b.score_max === undefined) return false;
  return (b.score_min === undefined || score >= b.score_min) && (b.score_max === undefined || score <= b.score_max);
}

/** The colour a score gives under a scheme, from that scheme's bands; undefined when no band holds it. */
export function ratingForScore(score: number, scheme: string, levels: readonly BandRow[]): Rating | undefined {
  return levels.find((l) => l.scheme === scheme && inBand(l, score))?.rating;
}

/** "8 分（12分制）"; "8 分" when the scheme names no scale. */
export function scoreText(score: number, scheme: Pick<SchemeRow, 'score_scale'> | undefined): string {
  return scheme?.score_scale ? `${score} 分（${scheme.score_scale}）` : `${score} 分`;
}

/** "（半年度，12分制）": how a scheme rates, for the marker where the scheme changes. */
export function schemeTerms(s: Pick<SchemeRow, 'period_kind' | 'score_scale'>): string {
  return s.score_scale ? `${s.period_kind}，${s.score_scale}` : `${s.period_kind}，不打分`;
}

/** The key of a credit-levels row. */
export const levelKey = (scheme: string, rating: string): string => `${scheme}\u0000${rating}`;
