import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, workingDaysBetween } from '../../src/lib/dates.ts';
import { buildTimelines, timelinesByFirstKey, type DataHistory, type HistoryCommit } from '../../src/lib/history/record-history.ts';
import { keyId } from '../../src/lib/history/record-diff.ts';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('days between a report and its disclosure', () => {
  it('counts calendar days and Monday–Friday working days after the first day up to the second', () => {
    expect(daysBetween('2019-01-02', '2019-01-10')).toBe(8);
    expect(workingDaysBetween('2019-01-02', '2019-01-10')).toBe(6); // Wed → Thu of the next week
    expect(workingDaysBetween('2019-01-05', '2019-01-06')).toBe(0); // Saturday → Sunday
    expect(workingDaysBetween('2019-01-04', '2019-01-07')).toBe(1); // Friday → Monday
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2); // leap year
    expect(workingDaysBetween('2019-01-10', '2019-01-02')).toBe(-6);
  });

  it('agrees with counting day by day (property)', () => {
    const base = Date.UTC(2015, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 400 }), (a, n) => {
        const from = base + a * 86_400_000;
        let count = 0;
        for (let k = 1; k <= n; k++) {
          const wd = new Date(from + k * 86_400_000).getUTCDay();
          if (wd !== 0 && wd !== 6) count++;
        }
        expect(workingDaysBetween(day(from), day(from + n * 86_400_000))).toBe(count);
        expect(daysBetween(day(from), day(from + n * 86_400_000))).toBe(n);
      }),
    );
  });
});

describe('related timelines by first key column', () => {
  const change = (table: string, added: string[][]) => ({
    table,
    path: `data/${table}.csv`,
    added,
    removed: [],
    changed: [],
    columns: { added: [], removed: [] },
    notes: [],
  });
  const commit = (id: string, tables: HistoryCommit['tables']): HistoryCommit => ({ id, short: id, date: '2020-01-01T08:00:00+08:00', subject: id, tables });

  it("groups a table's timelines by their first key column, each group ordered by key, as a scan of the table would give", () => {
    const c1 = commit('c1', [
      change('credit-ratings', [
        ['E2', '2019-H2'],
        ['E1', '2019-H2'],
        ['E1', '2019-H1'],
      ]),
    ]);
    const c2 = commit('c2', [change('credit-ratings', [['E2', '2019-H1']]), change('observations', [['I1', '2019-06-30']])]);
    const history: DataHistory = { available: true, head: c2, commits: [c1, c2], versions: new Map(), records: buildTimelines([c1, c2]) };
    const index = timelinesByFirstKey(history, 'credit-ratings');
    expect([...index.keys()].sort()).toEqual(['E1', 'E2']);
    expect(index.get('E1')!.map((t) => t.key)).toEqual([
      ['E1', '2019-H1'],
      ['E1', '2019-H2'],
    ]);
    expect(index.get('E2')!.map((t) => t.key[1])).toEqual(['2019-H1', '2019-H2']);
    // The same timelines a filter of the whole table finds, in the same order.
    const scan = (first: string) =>
      [...history.records.get('credit-ratings')!.values()].filter((t) => t.key[0] === first).sort((a, b) => (keyId(a.key) < keyId(b.key) ? -1 : 1));
    for (const first of ['E1', 'E2']) expect(index.get(first)).toEqual(scan(first));
    expect(index.get('E3')).toBeUndefined();
    expect(timelinesByFirstKey(history, 'villages').size).toBe(0);
    expect(timelinesByFirstKey({ available: false, reason: '无' }, 'credit-ratings').size).toBe(0);
  });
});
