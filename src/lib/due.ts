/**
 * "What is due" (/due/, the village pages, the calendar files): unfinished problems grouped by
 * their deadline against the build's date — overdue, this month, next month, later — and plan
 * targets whose deadline has not passed. Pure; "today" is passed in (the build date).
 */
import { OPEN_STATUSES, type ProblemStatus } from '../schemas/enums.ts';
import { daysBetween, endOfPartialDate } from './dates.ts';
import type { CalendarEvent } from './publishing/ical.ts';
import { absoluteUrl, homeUrl } from './urls.ts';

export const DUE_GROUPS = ['overdue', 'thisMonth', 'nextMonth', 'later'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

/** The headings of the groups, in the order shown. */
export const DUE_GROUP_LABEL: Readonly<Record<DueGroup, string>> = {
  overdue: '已逾期',
  thisMonth: '本月到期',
  nextMonth: '下月到期',
  later: '以后到期',
};

/** What a problem needs to be placed (a row of the register's index has it). */
export interface DueProblem {
  id: string;
  status: ProblemStatus;
  /** YYYY-MM-DD, or '' when none was set. */
  deadline: string;
}

export interface DueEntry<P extends DueProblem> {
  problem: P;
  group: DueGroup;
  /** Days past the deadline (overdue) or left until it (0 on the day itself). */
  days: number;
}

/** The month (YYYY-MM) after a YYYY-MM-DD day's month. */
export function nextMonthOf(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The group of a deadline on `today`: a deadline of today itself is due this month, not overdue (as isOverdue). */
export function dueGroupOf(deadline: string, today: string): DueGroup {
  if (deadline < today) return 'overdue';
  const month = deadline.slice(0, 7);
  if (month === today.slice(0, 7)) return 'thisMonth';
  if (month === nextMonthOf(today)) return 'nextMonth';
  return 'later';
}

export interface DueProblems<P extends DueProblem> {
  /** Each group's entries, oldest deadline first (ties by id). */
  groups: Record<DueGroup, DueEntry<P>[]>;
  /** Unfinished problems without a deadline: not placed, counted. */
  undated: number;
  /** Every placed entry, in the order shown (overdue first). */
  all: DueEntry<P>[];
}

/** Unfinished problems (待整改/整改中) by deadline; closed ones are not due. */
export function dueProblems<P extends DueProblem>(problems: readonly P[], today: string): DueProblems<P> {
  const unfinished = problems.filter((p) => OPEN_STATUSES.includes(p.status));
  const dated = unfinished
    .filter((p) => p.deadline !== '')
    .sort((a, b) => (a.deadline === b.deadline ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.deadline < b.deadline ? -1 : 1));
  const groups: Record<DueGroup, DueEntry<P>[]> = { overdue: [], thisMonth: [], nextMonth: [], later: [] };
  for (const problem of dated) {
    const group = dueGroupOf(problem.deadline, today);
    groups[group].push({ problem, group, days: Math.abs(daysBetween(today, problem.deadline)) });
  }
  return { groups, undated: unfinished.length - dated.length, all: DUE_GROUPS.flatMap((g) => groups[g]) };
}

/**
 * The first `n` entries of a due view in the order shown, in their groups, and how many were
 * left out: a page that repeats another list (a village's page, the town-wide problems) stays
 * short however long that list grows.
 */
export function firstDue<P extends DueProblem>(due: DueProblems<P>, n: number): { due: DueProblems<P>; more: number } {
  const all = due.all.slice(0, Math.max(0, n));
  const groups: Record<DueGroup, DueEntry<P>[]> = { overdue: [], thisMonth: [], nextMonth: [], later: [] };
  for (const e of all) groups[e.group].push(e);
  return { due: { groups, undated: due.undated, all }, more: due.all.length - all.length };
}

/**
 * The `n` entries of a due view a calendar that repeats it keeps: the ones not yet due first,
 * nearest first, then the overdue ones, latest deadline first, and how many were left out. A
 * calendar is for what is coming (an app shows an overdue event in the past), so it keeps the next
 * deadlines, where a page keeps the overdue ones first (firstDue). Within `n`, it is the whole view.
 */
export function nearestDue<P extends DueProblem>(due: DueProblems<P>, n: number): { entries: DueEntry<P>[]; more: number } {
  const coming = due.all.filter((e) => e.group !== 'overdue');
  const entries = [...coming, ...due.groups.overdue.toReversed()].slice(0, Math.max(0, n));
  return { entries, more: due.all.length - entries.length };
}

/** What a target needs: its indicator's id and deadline (a partial date: 2030 is the end of 2030). */
export interface DueTarget {
  indicator: { id: string; target_date: string };
}

/** Targets whose deadline has not passed on `today` (the deadline day itself included), nearest first, with the day they fall due. */
export function dueTargets<T extends DueTarget>(targets: readonly T[], today: string): Array<{ target: T; date: string; days: number }> {
  return targets
    .map((target) => ({ target, date: endOfPartialDate(target.indicator.target_date), days: 0 }))
    .filter((t) => t.date >= today)
    .map((t) => ({ ...t, days: daysBetween(today, t.date) }))
    .sort((a, b) => (a.date === b.date ? (a.target.indicator.id < b.target.indicator.id ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** A deadline's distance in words: "已逾期 12 天", "今天到期", "还有 3 天". */
export function dueDaysText(entry: { group: DueGroup; days: number }): string {
  if (entry.group === 'overdue') return `已逾期 ${entry.days} 天`;
  return entry.days === 0 ? '今天到期' : `还有 ${entry.days} 天`;
}

/** A problem as the calendar and the lists show it. */
export interface DueProblemRow extends DueProblem {
  title: string;
  villageName: string;
}

/**
 * DTSTAMP of the calendar files: the start of the build's date in China Standard Time, not the
 * clock, so that two builds of one day write the same bytes (a rebuild must equal a clean build).
 */
export const calendarStamp = (buildDate: string): Date => new Date(`${buildDate}T00:00:00+08:00`);

/** The host part of a calendar UID: the site's host, so UIDs differ from another site's. */
export const uidHost = (site: string | URL | undefined): string => new URL(absoluteUrl(homeUrl(), site)).host;

/** The event of a problem's deadline: its UID is the problem id and the deadline, so a moved deadline is a new event. */
export function problemDeadlineEvent(p: DueProblemRow, url: string, host: string): CalendarEvent {
  return {
    uid: `problem-${p.id}-${p.deadline.replaceAll('-', '')}@${host}`,
    date: p.deadline,
    summary: `整改期限：${p.title}（${p.id}）`,
    description: `${p.villageName} · ${p.status} · 整改期限 ${p.deadline}\n${url}`,
    url,
  };
}

/** The event of a plan target's deadline. */
export function targetDeadlineEvent(t: { id: string; name: string; date: string; status: string }, url: string, host: string): CalendarEvent {
  return {
    uid: `indicator-${t.id}-${t.date.replaceAll('-', '')}@${host}`,
    date: t.date,
    summary: `目标期限：${t.name}`,
    description: `规划目标 · 目前：${t.status} · 目标期限 ${t.date}\n${url}`,
    url,
  };
}
