/**
 * What a village's noticeboard sheet (村务公开栏) shows: its unfinished problems, the problems it
 * closed in the last twelve months, its red- and black-rated enterprises. Lists are cut at a
 * fixed length so that the sheet stays within two A4 pages however many problems a village has;
 * the rest is counted ("另有 M 项") and the QR code leads to the full list. Pure: "today" is the
 * build date, passed in.
 */
import { OPEN_STATUSES, type Lateness } from './problems.ts';
import { daysInMonth } from './dates.ts';

/** Rows per list on the sheet: with every list full, the sheet fills two A4 pages in large type (test/e2e/noticeboard.test.ts). */
export const NOTICE_LIMITS = { unfinished: 10, closed: 4, enterprises: 8, townWide: 2 } as const;
/** "Recently closed": closed within this many months before the build date. */
export const RECENT_MONTHS = 12;

export interface NoticeProblem {
  id: string;
  status: string;
  deadline: string;
  closed: string;
  late: Lateness;
  overdue: boolean;
}

export interface Cut<T> {
  shown: T[];
  /** How many more the list has than it shows. */
  more: number;
}

function cut<T>(all: readonly T[], limit: number): Cut<T> {
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** The first day of the window of "recently closed": the same day RECENT_MONTHS months before `today`. */
export function recentSince(today: string, months: number = RECENT_MONTHS): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  // 29 February and the 31st of short months fall back to the month's last day.
  const last = daysInMonth(year, month);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface NoticeLists<P extends NoticeProblem> {
  unfinished: Cut<P>;
  /** All unfinished problems past their deadline (not only those shown). */
  overdue: number;
  closed: Cut<P>;
  /** Start of the "recently closed" window (inclusive). */
  since: string;
}

/**
 * Unfinished problems, overdue first, then by deadline (none last), then id; problems closed on
 * or after `since` and not after `today`, newest first.
 */
export function noticeLists<P extends NoticeProblem>(
  problems: readonly P[],
  today: string,
  limits: { unfinished: number; closed: number } = NOTICE_LIMITS,
): NoticeLists<P> {
  const since = recentSince(today);
  const byId = (a: P, b: P) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const open = problems
    .filter((p) => (OPEN_STATUSES as readonly string[]).includes(p.status))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline || '9999').localeCompare(b.deadline || '9999') || byId(a, b));
  const closed = problems
    .filter((p) => !(OPEN_STATUSES as readonly string[]).includes(p.status) && p.closed >= since && p.closed <= today)
    .sort((a, b) => b.closed.localeCompare(a.closed) || byId(a, b));
  return { unfinished: cut(open, limits.unfinished), overdue: open.filter((p) => p.overdue).length, closed: cut(closed, limits.closed), since };
}

/** Cuts any list at a limit, counting the rest. */
export const cutList = cut;
