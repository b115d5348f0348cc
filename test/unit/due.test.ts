/** What is due (src/lib/due.ts): groups against the build date, order, and the calendar events of a deadline. */
import { describe, expect, it } from 'vitest';
import {
  dueDaysText,
  dueGroupOf,
  dueProblems,
  dueTargets,
  firstDue,
  nearestDue,
  nextMonthOf,
  problemDeadlineEvent,
  uidHost,
  calendarStamp,
} from '../../src/lib/due.ts';
import type { ProblemStatus } from '../../src/schemas/enums.ts';

const TODAY = '2026-01-15';
const p = (id: string, deadline: string, status: ProblemStatus = '整改中') => ({ id, deadline, status, title: `问题${id}`, villageName: '东村' });

describe('dueGroupOf', () => {
  it('places a deadline before today as overdue, today and the rest of the month as this month, then next month, then later', () => {
    expect(dueGroupOf('2026-01-14', TODAY)).toBe('overdue');
    expect(dueGroupOf('2019-07-15', TODAY)).toBe('overdue');
    expect(dueGroupOf('2026-01-15', TODAY)).toBe('thisMonth');
    expect(dueGroupOf('2026-01-31', TODAY)).toBe('thisMonth');
    expect(dueGroupOf('2026-02-01', TODAY)).toBe('nextMonth');
    expect(dueGroupOf('2026-02-28', TODAY)).toBe('nextMonth');
    expect(dueGroupOf('2026-03-01', TODAY)).toBe('later');
    expect(dueGroupOf('2027-01-20', TODAY)).toBe('later');
  });

  it('turns the year in December', () => {
    expect(nextMonthOf('2025-12-31')).toBe('2026-01');
    expect(nextMonthOf('2026-09-01')).toBe('2026-10');
    expect(dueGroupOf('2026-01-05', '2025-12-20')).toBe('nextMonth');
  });
});

describe('dueProblems', () => {
  const due = dueProblems(
    [
      p('GS-1', '2026-02-10'),
      p('GS-2', '2019-09-30'),
      p('GS-3', '2026-01-31', '待整改'),
      p('GS-4', '2018-07-01'),
      p('GS-5', '2026-01-20', '已整改'),
      p('GS-6', ''),
      p('GS-7', '2026-06-30', '待整改'),
      p('GS-0', '2019-09-30'),
    ],
    TODAY,
  );

  it('lists overdue first, oldest deadline first (ties by id), then this month, next month and later; closed problems are not due', () => {
    expect(due.all.map((e) => e.problem.id)).toEqual(['GS-4', 'GS-0', 'GS-2', 'GS-3', 'GS-1', 'GS-7']);
    expect(due.groups.overdue.map((e) => e.problem.id)).toEqual(['GS-4', 'GS-0', 'GS-2']);
    expect(due.groups.thisMonth.map((e) => e.problem.id)).toEqual(['GS-3']);
    expect(due.groups.nextMonth.map((e) => e.problem.id)).toEqual(['GS-1']);
    expect(due.groups.later.map((e) => e.problem.id)).toEqual(['GS-7']);
    expect(due.undated).toBe(1);
  });

  it('cuts to its first entries in the order shown, in their groups, and counts the rest (firstDue)', () => {
    const first = firstDue(due, 4);
    expect(first.due.all.map((e) => e.problem.id)).toEqual(['GS-4', 'GS-0', 'GS-2', 'GS-3']);
    expect(first.due.groups.overdue.map((e) => e.problem.id)).toEqual(['GS-4', 'GS-0', 'GS-2']);
    expect(first.due.groups.thisMonth.map((e) => e.problem.id)).toEqual(['GS-3']);
    expect([first.due.groups.nextMonth, first.due.groups.later]).toEqual([[], []]);
    expect([first.more, first.due.undated]).toEqual([2, 1]);
    expect(firstDue(due, 100)).toEqual({ due, more: 0 });
    expect(firstDue(due, -1).due.all).toEqual([]);
  });

  it('keeps for a calendar the deadlines still to come first, nearest first, then the overdue ones, latest first (nearestDue)', () => {
    const near = nearestDue(due, 4);
    expect(near.entries.map((e) => e.problem.id)).toEqual(['GS-3', 'GS-1', 'GS-7', 'GS-2']);
    expect(near.more).toBe(2);
    expect(nearestDue(due, 2).entries.map((e) => e.problem.id)).toEqual(['GS-3', 'GS-1']);
    // Within n it is the whole view, every entry once.
    const all = nearestDue(due, 100);
    expect(all.more).toBe(0);
    expect(all.entries.map((e) => e.problem.id)).toEqual(['GS-3', 'GS-1', 'GS-7', 'GS-2', 'GS-0', 'GS-4']);
    expect(new Set(all.entries)).toEqual(new Set(due.all));
    expect(nearestDue(due, 0)).toEqual({ entries: [], more: 6 });
    // The view itself is left as it was.
    expect(due.groups.overdue.map((e) => e.problem.id)).toEqual(['GS-4', 'GS-0', 'GS-2']);
  });

  it('says how many days overdue or left', () => {
    expect(dueDaysText(due.groups.overdue[0]!)).toBe('已逾期 2755 天');
    expect(dueDaysText(due.groups.thisMonth[0]!)).toBe('还有 16 天');
    expect(dueDaysText({ group: 'thisMonth', days: 0 })).toBe('今天到期');
  });
});

describe('dueTargets', () => {
  it('keeps targets whose deadline has not passed (a year stands for its last day), nearest first', () => {
    const t = (id: string, target_date: string) => ({ indicator: { id, target_date } });
    const due = dueTargets([t('a', '2017-12-31'), t('b', '2030'), t('c', '2026-01-15'), t('d', '2026-01'), t('e', '2025')], TODAY);
    expect(due.map((d) => [d.target.indicator.id, d.date, d.days])).toEqual([
      ['c', '2026-01-15', 0],
      ['d', '2026-01-31', 16],
      ['b', '2030-12-31', 1811],
    ]);
  });
});

describe('calendar events', () => {
  it('derive a stable UID from the problem id, its deadline and the site host', () => {
    const host = uidHost('https://example.org');
    expect(host).toBe('example.org');
    const e = problemDeadlineEvent(p('GS-2019-008', '2026-01-31'), 'https://example.org/gushan/problems/GS-2019-008/', host);
    expect(e.uid).toBe('problem-GS-2019-008-20260131@example.org');
    expect(e.date).toBe('2026-01-31');
    expect(e.description).toContain('https://example.org/gushan/problems/GS-2019-008/');
  });

  it('stamp the start of the build date in China time, so two builds of one day agree', () => {
    expect(calendarStamp('2026-01-15').toISOString()).toBe('2026-01-14T16:00:00.000Z');
  });
});
