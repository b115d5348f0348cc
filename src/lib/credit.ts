/**
 * Credit ratings by period: distribution per colour and its change, the change of each
 * enterprise since the previous period, the warning list and the downgraded list, and the
 * compact index the browser list filters. Pure.
 */
import { RATINGS, type Rating } from '../schemas/enums.ts';
import { ratingChange, ratingRank, sortedPeriods, type PeriodRating, type RatingChange } from './ratings.ts';
import type { PickRow } from '../schemas/index.ts';

/**
 * Chinese names in the order of their pinyin (阿 before 北 before 中), as readers look names up;
 * code-point order put them in no order a reader knows. Node and browsers with full ICU both have it.
 */
export const comparePinyin: (a: string, b: string) => number = new Intl.Collator('zh-CN-u-co-pinyin').compare;

/** Enterprises by name in pinyin order; one name twice (two branches) by code. */
export function compareByName(a: { name: string; uscc: string }, b: { name: string; uscc: string }): number {
  return comparePinyin(a.name, b.name) || (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0);
}

/**
 * The order "较上期" sorts in, ascending: the changes a reader looks for first (降级, then 升级),
 * then new ones, then no change.
 */
export const CHANGE_ORDER: readonly RatingChange[] = ['downgraded', 'upgraded', 'new', 'unchanged'];

export function previousPeriod(periods: readonly string[], period: string): string | undefined {
  const i = periods.indexOf(period);
  return i > 0 ? periods[i - 1] : undefined;
}

export interface Distribution {
  rating: Rating;
  count: number;
  /** Change from the previous period; undefined when there is none. */
  change: number | undefined;
}

export function distribution(ratings: readonly PeriodRating[], period: string, periods: readonly string[] = sortedPeriods(ratings)): Distribution[] {
  const prev = previousPeriod(periods, period);
  // One pass over the ratings: at L there are 100,000 of them, for each period's page.
  const now = new Map<Rating, number>();
  const before = new Map<Rating, number>();
  for (const r of ratings) {
    if (r.period === period) now.set(r.rating, (now.get(r.rating) ?? 0) + 1);
    else if (r.period === prev) before.set(r.rating, (before.get(r.rating) ?? 0) + 1);
  }
  return RATINGS.map((rating) => ({
    rating,
    count: now.get(rating) ?? 0,
    change: prev === undefined ? undefined : (now.get(rating) ?? 0) - (before.get(rating) ?? 0),
  }));
}

export interface Change<R extends PeriodRating = PeriodRating> {
  current: R;
  previous: R | undefined;
  change: RatingChange;
}

export function changes<R extends PeriodRating>(ratings: readonly R[], period: string, periods: readonly string[] = sortedPeriods(ratings)): Change<R>[] {
  const prev = previousPeriod(periods, period);
  const current: R[] = [];
  const before = new Map<string, R>();
  for (const r of ratings) {
    if (r.period === period) current.push(r);
    else if (r.period === prev) before.set(r.uscc, r);
  }
  return current.map((r) => {
    const previous = before.get(r.uscc);
    return { current: r, previous, change: ratingChange(previous?.rating, r.rating) };
  });
}

/** Red and black in the period, worst first. */
export function warningList<R extends PeriodRating>(ratings: readonly R[], period: string): R[] {
  return ratings
    .filter((r) => r.period === period && (r.rating === '红色' || r.rating === '黑色'))
    .sort((a, b) => ratingRank(b.rating) - ratingRank(a.rating) || (a.uscc < b.uscc ? -1 : 1));
}

/** Downgraded since the previous period, biggest drop first. */
export function downgraded<R extends PeriodRating>(ratings: readonly R[], period: string, all: readonly Change<R>[] = changes(ratings, period)): Change<R>[] {
  return all
    .filter((c) => c.change === 'downgraded')
    .sort(
      (a, b) =>
        ratingRank(b.current.rating) - ratingRank(b.previous!.rating) - (ratingRank(a.current.rating) - ratingRank(a.previous!.rating)) ||
        (a.current.uscc < b.current.uscc ? -1 : 1),
    );
}

/** One letter per colour, for the compact index: 绿蓝黄红黑; "-" for not rated. */
const LETTER: Record<Rating, string> = { 绿色: '绿', 蓝色: '蓝', 黄色: '黄', 红色: '红', 黑色: '黑' };
export const FROM_LETTER: Record<string, Rating> = { 绿: '绿色', 蓝: '蓝色', 黄: '黄色', 红: '红色', 黑: '黑色' };

export interface CreditIndex {
  periods: string[];
  /** [uscc, name, industry, village id, village name, one letter per period]. */
  rows: Array<[string, string, string, string, string, string]>;
}

export function creditIndex(
  enterprises: readonly PickRow<'enterprises', 'uscc' | 'name' | 'industry' | 'village'>[],
  ratings: readonly PeriodRating[],
  villages: ReadonlyMap<string, string>,
): CreditIndex {
  const periods = sortedPeriods(ratings);
  const by = new Map<string, Map<string, Rating>>();
  for (const r of ratings) {
    if (!by.has(r.uscc)) by.set(r.uscc, new Map());
    by.get(r.uscc)!.set(r.period, r.rating);
  }
  return {
    periods,
    rows: enterprises.map((e) => [
      e.uscc,
      e.name,
      e.industry,
      e.village,
      villages.get(e.village) ?? e.village,
      periods
        .map((p) => {
          const r = by.get(e.uscc)?.get(p);
          return r ? LETTER[r] : '-';
        })
        .join(''),
    ]),
  };
}

export interface CreditFilter {
  period: string;
  rating?: string | undefined;
  industry?: string | undefined;
  village?: string | undefined;
  q?: string | undefined;
}

export interface CreditListRow {
  uscc: string;
  name: string;
  industry: string;
  village: string;
  villageName: string;
  rating: Rating | undefined;
  change: RatingChange | undefined;
}

export function filterCredit(index: CreditIndex, f: CreditFilter): CreditListRow[] {
  const k = index.periods.indexOf(f.period);
  const q = f.q?.trim().toLowerCase();
  const out: CreditListRow[] = [];
  for (const [uscc, name, industry, village, villageName, letters] of index.rows) {
    const rating = FROM_LETTER[letters[k] ?? '-'];
    if (!rating) continue;
    if (f.rating && rating !== f.rating) continue;
    if (f.industry && industry !== f.industry) continue;
    if (f.village && village !== f.village) continue;
    if (q && !name.toLowerCase().includes(q) && !uscc.toLowerCase().includes(q)) continue;
    const prev = k > 0 ? FROM_LETTER[letters[k - 1] ?? '-'] : undefined;
    out.push({ uscc, name, industry, village, villageName, rating, change: ratingChange(prev, rating) });
  }
  return out;
}

/** Rows per numbered page of the enterprise list (the no-JavaScript path). */
export const ENTERPRISES_PER_PAGE = 100;
