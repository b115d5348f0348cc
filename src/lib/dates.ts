/** ISO dates as the data contract writes them: YYYY, YYYY-MM or YYYY-MM-DD. */

export const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export const PERIOD = /^(\d{4})(?:-(H1|H2))?$/;

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
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
  const day = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Sort key for a rating period: 2019 < 2019-H1 < 2019-H2 < 2020. */
export function periodSortKey(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  return `${m[1]}-${m[2] === 'H1' ? '1' : m[2] === 'H2' ? '2' : '0'}`;
}

/** The day (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving) of an ISO date-time; undefined when it is not one. */
export function chinaDay(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  const day = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  return DAY.test(day) ? day : undefined;
}
