/**
 * Core facts about credit ratings shared by the credit, problem and village pages: the
 * order of the colours, the order of periods, each enterprise's latest rating and how a
 * rating changed between two periods.
 */
import { RATINGS, type Rating } from '../schemas/enums.ts';
import { comparePeriods, periodSortKey } from './dates.ts';
import type { PickRow } from '../schemas/index.ts';

/** The 12-point scale used since 2019: the band of scores each colour covers. */
export const SCORE_BANDS: Record<Rating, { min?: number; max?: number }> = {
  绿色: { min: 11, max: 12 },
  蓝色: { min: 6, max: 10 },
  黄色: { min: 3, max: 5 },
  红色: { min: 1, max: 2 },
  黑色: { max: 0 },
};

/** "11–12 分", "0 分及以下". */
export function scoreBandText(r: Rating): string {
  const b = SCORE_BANDS[r];
  return b.min === undefined ? `${b.max} 分及以下` : `${b.min}–${b.max} 分`;
}

/** 0 = best (绿色) … 4 = worst (黑色). */
export function ratingRank(r: Rating): number {
  return RATINGS.indexOf(r);
}

/** An enterprise's rating in one period: the columns of credit-ratings.csv every credit rule reads. */
export type PeriodRating = PickRow<'credit-ratings', 'uscc' | 'period' | 'rating'>;

/** Periods in time order: 2018 < 2019-H1 < 2019-H2 < 2020. */
export function sortedPeriods(ratings: ReadonlyArray<{ period: string }>): string[] {
  return [...new Set(ratings.map((r) => r.period))].sort(comparePeriods);
}

/** The most recent rating of each enterprise. */
export function latestByEnterprise<T extends PeriodRating>(ratings: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of ratings) {
    const cur = out.get(r.uscc);
    if (!cur || periodSortKey(r.period) > periodSortKey(cur.period)) out.set(r.uscc, r);
  }
  return out;
}

export type RatingChange = 'upgraded' | 'downgraded' | 'unchanged' | 'new';

/** How a rating moved from the previous period's (undefined: not rated then). */
export function ratingChange(previous: Rating | undefined, current: Rating): RatingChange {
  if (previous === undefined) return 'new';
  const d = ratingRank(current) - ratingRank(previous);
  return d > 0 ? 'downgraded' : d < 0 ? 'upgraded' : 'unchanged';
}
