/**
 * Every date rule of the site, in one browser-safe module: ISO dates as the data contract
 * writes them (YYYY, YYYY-MM or YYYY-MM-DD), rating periods, days between dates, and dates in
 * Chinese. "Today" is never read here: the build's date comes from src/build/config.ts
 * (`buildDate()`, frozen when the build starts) and is passed in.
 */

export const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export const PERIOD = /^(\d{4})(?:-(H1|H2))?$/;

/** Milliseconds in a calendar day (UTC has no daylight saving). */
export const DAY_MS = 86_400_000;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Checks the calendar (month 1–12, day within the month) of a partial ISO date that matched PARTIAL_DATE. */
export function isRealPartialDate(iso: string): boolean {
  const m = PARTIAL_DATE.exec(iso);
  if (!m) return false;
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  return isRealDate(Number(m[1]), month, day);
}

/**
 * The last day a partial date covers ("2017" → 2017-12-31, "2018-06" → 2018-06-30), for
 * comparisons such as "closed ≥ reported" and for deadlines.
 */
export function endOfPartialDate(iso: string): string {
  const m = PARTIAL_DATE.exec(iso);
  if (!m) return iso;
  const y = Number(m[1]);
  if (m[3]) return iso;
  const month = m[2] ? Number(m[2]) : 12;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(daysInMonth(y, month)).padStart(2, '0')}`;
}

/** Sort key for a rating period: 2019 < 2019-H1 < 2019-H2 < 2020. */
export function periodSortKey(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  return `${m[1]}-${m[2] === 'H1' ? '1' : m[2] === 'H2' ? '2' : '0'}`;
}

/**
 * A rating period as readers say it: 2019 → 2019年度, 2019-H1 → 2019年上半年, 2019-H2 →
 * 2019年下半年. CSVs and URLs keep the codes; every page shows this.
 */
export function periodLabel(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  return m[2] === undefined ? `${m[1]}年度` : `${m[1]}年${m[2] === 'H1' ? '上' : '下'}半年`;
}

/** Compares two rating periods in time order (for `sort`). */
export function comparePeriods(a: string, b: string): number {
  const ka = periodSortKey(a);
  const kb = periodSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The day (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving) of an ISO date-time; undefined when it is not one. */
export function chinaDay(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  const day = isoDate(new Date(t + 8 * 3_600_000));
  return DAY.test(day) ? day : undefined;
}

/** The day (YYYY-MM-DD) of an ISO date-time, in the offset it is written with. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** Milliseconds at UTC midnight of the last day a partial date covers ("2017" → 2017-12-31), for axes and order. */
export const timeOf = (iso: string): number => Date.parse(`${endOfPartialDate(iso)}T00:00:00Z`);

/** ISO date (YYYY-MM-DD) of a Date, in UTC (front-matter dates are parsed as UTC midnight). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A day (YYYY-MM-DD) as milliseconds since 1970 at UTC midnight. */
export function dayMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** Calendar days from one day (YYYY-MM-DD) to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/**
 * Working days after `from` up to and including `to`, counting Monday to Friday (public
 * holidays and the weekend days worked in their place are not known here, so not counted);
 * negative when `to` is earlier.
 */
export function workingDaysBetween(from: string, to: string): number {
  const sign = dayMs(to) < dayMs(from) ? -1 : 1;
  const [a, b] = sign > 0 ? [dayMs(from), dayMs(to)] : [dayMs(to), dayMs(from)];
  const days = Math.round((b - a) / DAY_MS);
  const weeks = Math.floor(days / 7);
  let n = weeks * 5;
  const start = new Date(a).getUTCDay(); // 0 Sunday … 6 Saturday
  for (let k = 1; k <= days - weeks * 7; k++) {
    const wd = (start + k) % 7;
    if (wd !== 0 && wd !== 6) n++;
  }
  return sign * n;
}

/** Formats an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the way Chinese readers write it. */
export function formatDateZh(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  let out = `${y}年`;
  if (mo) out += `${Number(mo)}月`;
  if (d) out += `${Number(d)}日`;
  return out;
}

/** The day `months` calendar months after a day (YYYY-MM-DD), kept within its month: 01-31 + 1 → 02-28. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
}

/** Whole calendar months from one day (YYYY-MM-DD) to a later one: 01-31 → 02-28 is 0, → 03-01 is 1. */
export function wholeMonthsBetween(from: string, to: string): number {
  let n = 0;
  while (addMonths(from, n + 1) <= to) n++;
  return n;
}
