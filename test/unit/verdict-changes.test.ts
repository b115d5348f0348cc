import { describe, expect, it } from 'vitest';
import { buildTimelines, type HistoryCommit, type TableChange } from '../../src/lib/history/record-history.ts';
import { keyId } from '../../src/lib/history/record-diff.ts';
import { verdictChanges, verdictText } from '../../src/lib/history/verdict-changes.ts';

/** A change to a table; `added` given as keys (a TableChange holds their keyIds). */
const change = (table: string, c: Omit<Partial<TableChange>, 'added'> & { added?: string[][] }): TableChange => ({
  table,
  path: `data/${table}.csv`,
  removed: [],
  changed: [],
  columns: { added: [], removed: [] },
  notes: [],
  ...c,
  added: (c.added ?? []).map(keyId),
});
const commit = (n: number, date: string, tables: TableChange[]): HistoryCommit => ({
  id: `c${n}`.padEnd(40, '0'),
  short: `c${n}`,
  date,
  subject: `提交 ${n}`,
  tables,
});

const indicator = {
  id: 'river',
  plan: 'mini',
  section: 's1',
  name: '河道水质达标比例',
  name_en: '',
  kind: 'level',
  unit: '%',
  comparator: '>=',
  target: '20',
  target_date: '2017-12-31',
  baseline: '',
  baseline_date: '',
  responsible: '',
  quote: '达到20%',
  note: '',
  frequency: '',
};
const obs = (date: string, value: string) => ({ indicator: 'river', date, value, source: '年报', source_url: '', note: '' });

const commits = [
  commit(1, '2018-03-01T10:00:00+08:00', [
    change('indicators', { added: [['river']] }),
    change('observations', {
      added: [
        ['river', '2016'],
        ['river', '2017'],
      ],
    }),
    change('problems', { added: [['P-1']] }),
  ]),
  commit(2, '2018-06-01T10:00:00+08:00', [
    change('observations', { changed: [{ key: ['river', '2017'], fields: [{ column: 'value', from: '25', to: '19' }] }] }),
    change('problems', {
      changed: [
        {
          key: ['P-1'],
          fields: [
            { column: 'status', from: '整改中', to: '已整改' },
            { column: 'closed', from: '', to: '2018-05-30' },
          ],
        },
      ],
    }),
  ]),
  commit(3, '2019-03-01T10:00:00+08:00', [
    change('observations', { added: [['river', '2018']] }),
    change('credit-ratings', { changed: [{ key: ['U-1', '2019-H2'], fields: [{ column: 'rating', from: '绿色', to: '蓝色' }] }] }),
  ]),
  // An edit that changes a value but not the verdict.
  commit(4, '2019-04-01T10:00:00+08:00', [
    change('observations', { changed: [{ key: ['river', '2016'], fields: [{ column: 'value', from: '18', to: '17' }] }] }),
  ]),
];

const run = () =>
  verdictChanges({
    commits,
    records: buildTimelines(commits),
    current: {
      indicators: new Map([[keyId(['river']), indicator]]),
      observations: new Map([obs('2016', '17'), obs('2017', '19'), obs('2018', '22')].map((o) => [keyId([o.indicator, o.date]), o])),
    },
    problemTitle: (id) => (id === 'P-1' ? '企业偷排废水' : undefined),
    enterpriseName: (uscc) => (uscc === 'U-1' ? '（示例）辰巳机械' : undefined),
  });

describe('edits that changed a verdict', () => {
  it('judge an indicator on both sides as of the commit’s day, with the rows just before and just after it', () => {
    const out = run();
    // Commit 1 added the indicator: there was no verdict before.
    expect(out.has(commits[0]!.id)).toBe(false);
    // As of 2018-06-01, 2017's value 25 met the target of the end of 2017; 19 does not.
    expect(out.get(commits[1]!.id)!.map(verdictText)).toEqual([
      '河道水质达标比例 2017年观测值 25 → 19：按期达标 → 未达标',
      'P-1 企业偷排废水：整改中 → 已整改',
    ]);
    // 2018's value meets it, after the deadline.
    expect(out.get(commits[2]!.id)!.map(verdictText)).toEqual([
      '河道水质达标比例 新增2018年观测值 22：未达标 → 逾期达标',
      '（示例）辰巳机械 2019年下半年：绿色 → 蓝色',
    ]);
    expect(out.get(commits[2]!.id)![1]).toMatchObject({ table: 'credit-ratings', id: 'U-1' });
    expect(out.has(commits[3]!.id)).toBe(false);
  });

  it('read a removed observation from its last content', () => {
    const removal = commit(5, '2019-05-01T10:00:00+08:00', [change('observations', { removed: [{ key: ['river', '2018'], values: obs('2018', '22') }] })]);
    const all = [...commits, removal];
    const out = verdictChanges({
      commits: all,
      records: buildTimelines(all),
      current: {
        indicators: new Map([[keyId(['river']), indicator]]),
        observations: new Map([obs('2016', '17'), obs('2017', '19')].map((o) => [keyId([o.indicator, o.date]), o])),
      },
      problemTitle: () => undefined,
      enterpriseName: () => undefined,
    });
    expect(out.get(removal.id)!.map(verdictText)).toEqual(['河道水质达标比例 删除2018年观测值 22：逾期达标 → 未达标']);
    // The earlier commits read the same with the row gone today.
    expect(out.get(commits[2]!.id)!.map(verdictText)[0]).toBe('河道水质达标比例 新增2018年观测值 22：未达标 → 逾期达标');
  });
});
