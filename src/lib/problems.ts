/**
 * The register of exposed problems: overdue flags, summary counts, filtering and sorting.
 * Pure, so the build, the browser filter and the tests share it. "Today" is always passed in
 * (the build date), never read from the clock.
 */
import { CATEGORIES, OPEN_STATUSES, PROBLEM_STATUSES, SOURCE_TYPES, type ProblemStatus } from '../schemas/enums.ts';
import { daysBetween, workingDaysBetween } from './dates.ts';
import type { PickRow } from '../schemas/index.ts';

/** The columns of problems.csv the register's rules read. */
export type ProblemLike = PickRow<'problems', 'id' | 'closed' | 'reported' | 'status' | 'deadline' | 'categories' | 'source_type' | 'village'>;

export { OPEN_STATUSES };

/** Open (待整改/整改中) with a deadline that has passed. */
export function isOverdue(p: Pick<ProblemLike, 'status' | 'deadline'>, today: string): boolean {
  return OPEN_STATUSES.includes(p.status) && p.deadline !== undefined && p.deadline < today;
}

/** Whether a problem was, or is being, fixed late, as of `today`: closed after its deadline, or open past it. */
export type Lateness = '' | '逾期完成' | '逾期未完成';
export const LATENESS = ['逾期未完成', '逾期完成'] as const;

export function lateness(p: Pick<ProblemLike, 'status' | 'deadline'> & { closed?: string | undefined }, today: string): Lateness {
  if (p.deadline === undefined || p.deadline === '') return '';
  if (OPEN_STATUSES.includes(p.status)) return p.deadline < today ? '逾期未完成' : '';
  return p.closed !== undefined && p.closed !== '' && p.closed > p.deadline ? '逾期完成' : '';
}

/**
 * In words, for the problem page: was it done, and on time? No count of days to or past the
 * deadline: that changes every day, and a record page changes only with its rows (the counts
 * are on /due/); whether the deadline has passed flips once, on the deadline.
 */
export function timelinessText(p: Pick<ProblemLike, 'status' | 'deadline'> & { closed?: string | undefined }, today: string): string {
  const { deadline, closed } = p;
  if (!OPEN_STATUSES.includes(p.status) && closed) {
    if (!deadline) return `${closed} 完成整改；没有规定整改期限。`;
    if (closed > deadline) return `逾期完成：整改期限是 ${deadline}，${closed} 才完成，晚了 ${daysBetween(deadline, closed)} 天。`;
    return `按期完成：${closed} 完成整改，在整改期限 ${deadline} 之前${closed === deadline ? '（当天）' : ''}。`;
  }
  if (!deadline) return `尚未完成整改；没有规定整改期限。`;
  if (deadline < today) return `逾期未完成：整改期限 ${deadline} 已过，仍未完成整改。`;
  return `尚未完成整改；整改期限是 ${deadline}，尚未到期。`;
}

export const yearOf = (p: Pick<ProblemLike, 'reported'>) => p.reported.slice(0, 4);

/** The disclosure rules' expectation: inspection results published within 20 working days. */
export const DISCLOSURE_WORKING_DAYS = 20;

/** How long the authority took to disclose one problem, from its `disclosed` column. */
export interface Timeliness {
  id: string;
  reported: string;
  /** The day the authority disclosed it (the `disclosed` column), never the day this site first showed it. */
  disclosed: string;
  days: number;
  workingDays: number;
}

/**
 * Days from `reported` to `disclosed`, for the problems whose `disclosed` is filled in. The day a
 * record first appeared on this site is not the government's disclosure and is never used here.
 */
export function disclosureTimeliness(problems: ReadonlyArray<PickRow<'problems', 'id' | 'reported' | 'disclosed'>>): Timeliness[] {
  return problems.flatMap((p) =>
    p.disclosed === undefined
      ? []
      : [
          {
            id: p.id,
            reported: p.reported,
            disclosed: p.disclosed,
            days: daysBetween(p.reported, p.disclosed),
            workingDays: workingDaysBetween(p.reported, p.disclosed),
          },
        ],
  );
}

export interface TimelinessSummary {
  /** Problems with a disclosure date: the figures cover these only. */
  count: number;
  /** All problems of the register. */
  total: number;
  /** Median calendar days (undefined when no problem has a disclosure date). */
  medianDays: number | undefined;
  /** Problems disclosed within DISCLOSURE_WORKING_DAYS working days of being reported. */
  withinLimit: number;
  limit: number;
}

export function summariseTimeliness(list: readonly Timeliness[], total: number): TimelinessSummary {
  const days = list.map((t) => t.days).sort((a, b) => a - b);
  const mid = days.length / 2;
  const medianDays = days.length === 0 ? undefined : days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1]! + days[mid]!) / 2;
  return {
    count: list.length,
    total,
    medianDays,
    withinLimit: list.filter((t) => t.workingDays <= DISCLOSURE_WORKING_DAYS).length,
    limit: DISCLOSURE_WORKING_DAYS,
  };
}

/** "发现/交办后 45 天（31 个工作日）由有关部门公开（2020-01-10）", as a fact. */
export function disclosureText(t: Timeliness): string {
  if (t.days === 0) return `发现/交办当天由有关部门公开（${t.disclosed}）`;
  return `发现/交办后 ${t.days} 天（${t.workingDays} 个工作日）由有关部门公开（${t.disclosed}）`;
}

/**
 * The register's sentence on disclosure timeliness: the figures and how many records they cover,
 * or, when no record has a disclosure date, why there is no figure.
 */
export function timelinessSummaryText(s: TimelinessSummary): string {
  if (s.count === 0 || s.medianDays === undefined) {
    return `公开及时性：${s.total} 条记录都没有填写有关部门的公开日期，所以这里不计算公开及时性。本站收录一条记录的日期不是政府公开它的日期，不能用来衡量公开是否及时。`;
  }
  const rest = s.total - s.count;
  return (
    `公开及时性按 ${s.count} 条有公开日期的记录计算（共 ${s.total} 条${rest > 0 ? `，其余 ${rest} 条没有公开日期，不计入` : ''}）：` +
    `从发现/交办到有关部门公开，中位数为 ${s.medianDays} 天；其中 ${s.withinLimit} 条在 ${s.limit} 个工作日内公开` +
    `（环境信息公开的规定要求环境检查结果在 ${s.limit} 个工作日内公开；这里的工作日按周一至周五计，不计节假日）。`
  );
}

export interface Summary {
  total: number;
  /** Still open (待整改 or 整改中). */
  open: number;
  overdue: number;
  /** Closed after the deadline. */
  closedLate: number;
  byStatus: Array<[string, number]>;
  byCategory: Array<[string, number]>;
  bySource: Array<[string, number]>;
  byYear: Array<[string, number]>;
}

function count(values: readonly string[], order: readonly string[]): Array<[string, number]> {
  const m = new Map<string, number>(order.map((k) => [k, 0]));
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m];
}

export function summarise(problems: readonly ProblemLike[], today: string): Summary {
  const years = [...new Set(problems.map(yearOf))].sort();
  return {
    total: problems.length,
    open: problems.filter((p) => OPEN_STATUSES.includes(p.status)).length,
    overdue: problems.filter((p) => isOverdue(p, today)).length,
    closedLate: problems.filter((p) => lateness(p, today) === '逾期完成').length,
    byStatus: count(
      problems.map((p) => p.status),
      PROBLEM_STATUSES,
    ),
    byCategory: count(
      problems.flatMap((p) => p.categories),
      CATEGORIES,
    ),
    bySource: count(
      problems.map((p) => p.source_type),
      SOURCE_TYPES,
    ),
    byYear: count(problems.map(yearOf), years),
  };
}

/** Newest first; ties by id, so the order is stable. */
export function newestFirst<T extends Pick<ProblemLike, 'reported' | 'id'>>(problems: readonly T[]): T[] {
  return [...problems].sort((a, b) => (a.reported === b.reported ? (a.id < b.id ? 1 : -1) : a.reported < b.reported ? 1 : -1));
}

/**
 * A compact row of the register: what its table shows, at build time and in the browser filter
 * (/problems/index.json). Short columns of problems.csv not named here come along as they are
 * (src/lib/problem-index.ts), so a new column can be shown in the table without changing this.
 */
export interface IndexRow {
  id: string;
  reported: string;
  status: ProblemStatus;
  categories: string[];
  source: string;
  village: string;
  villageName: string;
  title: string;
  deadline: string;
  /** Closed date (已整改/已销号), or ''. */
  closed: string;
  /** Open past the deadline (the same as late === '逾期未完成'). */
  overdue: boolean;
  late: Lateness;
  /** Other short columns of problems.csv, by column name (absent when empty). */
  [column: string]: unknown;
}

export interface Filter {
  /** Statuses; "未完成" stands for every open status. */
  status?: string[];
  /** "逾期" (either kind), "逾期未完成" or "逾期完成". */
  late?: string[];
  category?: string[];
  source?: string[];
  village?: string[];
  year?: string[];
  q?: string;
}

export const FILTER_KEYS = ['status', 'late', 'category', 'source', 'village', 'year'] as const;
/** The status filter's value for every unfinished problem (待整改 and 整改中). */
export const UNFINISHED = '未完成';
/** The lateness filter's value for both kinds. */
export const ANY_LATE = '逾期';

export function matches(row: IndexRow, f: Filter): boolean {
  if (f.status?.length && !f.status.includes(row.status) && !(f.status.includes(UNFINISHED) && OPEN_STATUSES.includes(row.status))) return false;
  if (f.late?.length && !(row.late && (f.late.includes(row.late) || f.late.includes(ANY_LATE)))) return false;
  if (f.category?.length && !row.categories.some((c) => f.category!.includes(c))) return false;
  if (f.source?.length && !f.source.includes(row.source)) return false;
  if (f.village?.length && !f.village.includes(row.village)) return false;
  if (f.year?.length && !f.year.includes(row.reported.slice(0, 4))) return false;
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    if (q && !`${row.id} ${row.title} ${row.villageName}`.toLowerCase().includes(q)) return false;
  }
  return true;
}

export type SortKey = 'id' | 'reported' | 'village' | 'categories' | 'title' | 'status' | 'deadline' | 'closed';

export function sortRows(rows: readonly IndexRow[], key: SortKey, dir: 'asc' | 'desc'): IndexRow[] {
  const val = (r: IndexRow): string =>
    key === 'village'
      ? r.villageName
      : key === 'categories'
        ? r.categories.join(';')
        : key === 'status'
          ? String(PROBLEM_STATUSES.indexOf(r.status))
          : String(r[key]);
  const sorted = [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return x === y ? (a.id < b.id ? -1 : 1) : x < y ? -1 : 1;
  });
  return dir === 'asc' ? sorted : sorted.reverse();
}

/** Filter state ⇄ URL query (?status=整改中&village=hongdou&q=…&sort=deadline&dir=asc). */
export function filterFromQuery(params: URLSearchParams): Filter & { sort?: SortKey; dir?: 'asc' | 'desc' } {
  const f: Filter & { sort?: SortKey; dir?: 'asc' | 'desc' } = {};
  for (const k of FILTER_KEYS) {
    const v = params.getAll(k).filter(Boolean);
    if (v.length) f[k] = v;
  }
  const q = params.get('q');
  if (q) f.q = q;
  const sort = params.get('sort') as SortKey | null;
  if (sort) f.sort = sort;
  const dir = params.get('dir');
  if (dir === 'asc' || dir === 'desc') f.dir = dir;
  return f;
}

export function filterToQuery(f: Filter & { sort?: string; dir?: string }): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) for (const v of f[k] ?? []) p.append(k, v);
  if (f.q) p.set('q', f.q);
  if (f.sort) p.set('sort', f.sort);
  if (f.dir) p.set('dir', f.dir);
  return p.toString();
}

/** Rows per numbered page of the register (the no-JavaScript path). */
export const PROBLEMS_PER_PAGE = 100;

/**
 * Town-wide problems a village's page lists at most, in its due list and in their own table;
 * the rest are counted and linked (/due/). They concern every village, so each village's page
 * would otherwise repeat every one of them.
 */
export const TOWN_WIDE_ON_VILLAGE_PAGE = 20;
