/**
 * Whether a dataset or an indicator is kept up to date: the period its update frequency
 * promises, and, from the date of its last update and the build's date, whether that period
 * has run out. Browser-safe and pure: "today" is passed in.
 */
import type { UpdateFrequency } from '../schemas/enums.ts';
import { addMonths, formatDateZh, wholeMonthsBetween } from './dates.ts';

/** Months a period lasts; undefined for frequencies that never fall due (不定期, …). */
export const FREQUENCY_MONTHS: Readonly<Record<UpdateFrequency, number | undefined>> = {
  每月: 1,
  每季度: 3,
  每半年: 6,
  每年: 12,
  不定期: undefined,
  计划调整时更新: undefined,
  政策调整时更新: undefined,
};

export interface Freshness {
  frequency: UpdateFrequency;
  /** The last update (YYYY-MM-DD), when known. */
  last: string | undefined;
  /** The day by which the next update was due, for a periodic frequency with a known last update. */
  due: string | undefined;
  /** The due day has passed without an update. */
  overdue: boolean;
  /** Whole months since the last update, when known. */
  monthsSince: number | undefined;
  /** In words, e.g. "按规定每月更新，已 3 个月未更新". */
  text: string;
}

/**
 * A dataset's freshness as of `today` (YYYY-MM-DD). `last` is the date of its last commit; a
 * date the build cannot vouch for (no history) is passed as undefined, and then nothing is
 * claimed either way.
 */
export function freshness(frequency: UpdateFrequency, last: string | undefined, today: string): Freshness {
  const months = FREQUENCY_MONTHS[frequency];
  const monthsSince = last === undefined ? undefined : wholeMonthsBetween(last, today);
  if (months === undefined) return { frequency, last, due: undefined, overdue: false, monthsSince, text: `${frequency}，没有固定的更新期限` };
  const rule = `按规定${frequency}更新`;
  if (last === undefined) return { frequency, last, due: undefined, overdue: false, monthsSince, text: `${rule}；最近一次更新的日期不明，无法判断是否按时` };
  const due = addMonths(last, months);
  if (today > due) return { frequency, last, due, overdue: true, monthsSince, text: `${rule}，已 ${monthsSince} 个月未更新` };
  return { frequency, last, due, overdue: false, monthsSince, text: `${rule}，下次更新应在 ${formatDateZh(due)} 之前` };
}

/**
 * Whether an indicator's observations stopped while it is still tracked. A value is dated by
 * the end of the period it covers (a year's value: the year's last day) and may take one more
 * period to be published. So a value is expected for the latest period that ended a period ago,
 * but for none after the deadline: a yearly indicator is behind in January 2026 without a
 * value of 2024, and one due at the end of 2020 is behind for good without a value of 2020.
 * `latest` is the end of its latest value's period (the baseline's when it has no observation).
 */
export function observationsStopped(frequency: UpdateFrequency, latest: string | undefined, deadline: string | undefined, today: string): boolean {
  const months = FREQUENCY_MONTHS[frequency];
  if (months === undefined) return false;
  const published = addMonths(today, -months);
  const needed = deadline !== undefined && deadline < published ? deadline : published;
  return latest === undefined || latest <= addMonths(needed, -months);
}
