import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, workingDaysBetween } from '../../src/lib/dates.ts';
import { buildTimelines, timelinesByFirstKey, type DataHistory, type HistoryCommit } from '../../src/lib/history/record-history.ts';
import { keyId } from '../../src/lib/history/record-diff.ts';
import { ROOT } from '../helpers/paths.ts';

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
    added: added.map(keyId),
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

describe('timelines of records only added', () => {
  const ref = (id: string, date: string) => ({ id, short: id.slice(0, 7), date, subject: id });
  const c1: HistoryCommit = {
    ...ref('c1', '2020-01-01T08:00:00+08:00'),
    tables: [
      { table: 'problems', path: 'data/problems.csv', added: ['A', 'B', 'C'], removed: [], changed: [], columns: { added: [], removed: [] }, notes: [] },
    ],
  };
  const c2: HistoryCommit = {
    ...ref('c2', '2020-02-01T08:00:00+08:00'),
    tables: [
      {
        table: 'problems',
        path: 'data/problems.csv',
        added: ['D'],
        removed: [{ key: ['C'], values: { id: 'C', title: '三' } }],
        changed: [{ key: ['B'], fields: [{ column: 'status', from: '待整改', to: '整改中' }] }],
        columns: { added: [], removed: [] },
        notes: [],
      },
    ],
  };
  const c3: HistoryCommit = {
    ...ref('c3', '2020-03-01T08:00:00+08:00'),
    tables: [{ table: 'problems', path: 'data/problems.csv', added: ['C'], removed: [], changed: [], columns: { added: [], removed: [] }, notes: [] }],
  };
  const problems = buildTimelines([c1, c2, c3]).get('problems')!;
  const commit = (c: HistoryCommit) => ({ id: c.id, short: c.short, date: c.date, subject: c.subject });

  it('are kept as the commit that added them, and read as whole timelines', () => {
    // Only B (changed) and C (removed, added again) are held whole; A and D as their commit.
    expect([...problems.stored].map(([id, v]) => [id, 'events' in v ? 'timeline' : v.id])).toEqual([
      ['A', 'c1'],
      ['B', 'timeline'],
      ['C', 'timeline'],
      ['D', 'c2'],
    ]);
    expect(problems.get('A')).toEqual({ table: 'problems', key: ['A'], firstSeen: commit(c1), events: [{ kind: 'added', commit: commit(c1) }] });
    expect(problems.get(keyId(['D']))?.firstSeen.id).toBe('c2');
    expect(problems.get('B')!.events.map((e) => [e.kind, e.commit.id])).toEqual([
      ['added', 'c1'],
      ['changed', 'c2'],
    ]);
    const c = problems.get('C')!;
    expect([c.events.map((e) => e.kind), c.removed]).toEqual([['added', 'removed', 'added'], undefined]);
    expect([problems.size, problems.has('E'), problems.get('E')]).toEqual([4, false, undefined]);
    expect([...problems.values()].map((t) => t.key[0])).toEqual(['A', 'B', 'C', 'D']);
    expect([...problems.touched()].map((t) => t.key[0])).toEqual(['B', 'C']);
  });

  it('keep a composite key whole', () => {
    const ratings = buildTimelines([
      {
        ...ref('c1', '2020-01-01T08:00:00+08:00'),
        tables: [
          {
            table: 'credit-ratings',
            path: 'data/credit-ratings.csv',
            added: [keyId(['91X', '2019-H2'])],
            removed: [],
            changed: [],
            columns: { added: [], removed: [] },
            notes: [],
          },
        ],
      },
    ]).get('credit-ratings')!;
    expect(ratings.get(keyId(['91X', '2019-H2']))?.key).toEqual(['91X', '2019-H2']);
  });
});

describe('the history of records added once', () => {
  it('holds each by its keyId, shared with its timeline, not by an array of copied key values', () => {
    // In a process of its own, with the collector at hand, so that the heap holds only what the history keeps.
    const script = `
      import { diffKeys, readSnapshot } from './src/lib/history/record-diff.ts';
      import { buildTimelines, compactChange } from './src/lib/history/record-history.ts';
      import { DATA_TABLES } from './src/schemas/index.ts';
      const N = 100_000;
      const def = DATA_TABLES['credit-ratings'];
      gc(); gc();
      const h0 = process.memoryUsage().heapUsed;
      let text = 'uscc,period,rating\\n' + Array.from({ length: N }, (_, i) => '9132' + String(i).padStart(14, '0') + ',2024-H' + ((i % 2) + 1) + ',绿色').join('\\n') + '\\n';
      let after = readSnapshot(def, text);
      const change = compactChange(diffKeys(def, readSnapshot(def, undefined), after), 'data/credit-ratings.csv', 'b');
      const records = buildTimelines([{ id: 'c', short: 'c', date: '2020-01-01T00:00:00+08:00', subject: '首次公开', tables: [change] }]);
      text = after = undefined;
      gc(); gc();
      const perRecord = (process.memoryUsage().heapUsed - h0) / N;
      const first = records.get('credit-ratings').get(change.added[0]);
      console.log(JSON.stringify({ perRecord, added: change.added.length, timelines: records.get('credit-ratings').size, first: [first.key, first.events.length] }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
      perRecord: number;
      added: number;
      timelines: number;
      first: [string[], number];
    };
    expect([out.added, out.timelines]).toEqual([100_000, 100_000]);
    expect(out.first).toEqual([['913200000000000000', '2024-H1'], 1]);
    // About 155 bytes a record (its keyId of one byte a character, the map's entry, the reference); 180 with a keyId of two bytes a
    // character (a view of the file's text copied), 356 when each added record was also kept as its key's values.
    expect(out.perRecord).toBeLessThan(170);
  });
});
