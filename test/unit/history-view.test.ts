import { describe, expect, it } from 'vitest';
import {
  changeHeading,
  changeLog,
  commitAddresses,
  countsText,
  fieldText,
  groupByDay,
  historyLines,
  lastContent,
  recordLabel,
  relatedLabel,
  valueText,
} from '../../src/lib/history/history-view.ts';
import { keyId } from '../../src/lib/history/record-diff.ts';
import { buildTimelines, type CommitRef, type DataHistory, type HistoryCommit } from '../../src/lib/history/record-history.ts';

const ref = (n: number, date: string): CommitRef => ({ id: `${n}`.repeat(40).slice(0, 40), short: `${n}`.repeat(7), date, subject: `提交 ${n}` });
/** A change to a table; `added` given as keys (a TableChange holds their keyIds). */
const t = (table: string, over: Omit<Partial<HistoryCommit['tables'][number]>, 'added'> & { added?: string[][] } = {}) => ({
  table,
  path: `data/${table}.csv`,
  removed: [],
  changed: [],
  columns: { added: [], removed: [] },
  notes: [],
  ...over,
  added: (over.added ?? []).map(keyId),
});
const commits: HistoryCommit[] = [
  {
    ...ref(1, '2020-01-10T09:00:00+08:00'),
    tables: [t('problems', { added: [['GS-2019-001'], ['GS-2019-002']] }), t('credit-ratings', { added: [['91X', '2019-H2']] })],
  },
  {
    ...ref(2, '2020-03-02T10:00:00+08:00'),
    tables: [
      t('problems', {
        changed: [
          {
            key: ['GS-2019-001'],
            fields: [
              { column: 'status', from: '整改中', to: '已整改' },
              { column: 'closed', from: '', to: '2020-03-01' },
            ],
          },
        ],
      }),
    ],
  },
  {
    ...ref(3, '2020-03-02T18:00:00+08:00'),
    tables: [
      t('problems', { removed: [{ key: ['GS-2019-002'], values: { id: 'GS-2019-002', title: '露天焚烧', status: '待整改', closed: '' } }] }),
      t('credit-ratings', { changed: [{ key: ['91X', '2019-H2'], fields: [{ column: 'rating', from: '绿色', to: '蓝色' }] }] }),
    ],
  },
  { ...ref(4, '2020-05-01T10:00:00+08:00'), tables: [t('problems', { added: [['GS-2019-002']] })] },
];
const history: DataHistory = { available: true, head: ref(4, '2020-05-01T10:00:00+08:00'), commits, versions: new Map(), records: buildTimelines(commits) };
const records = history.available ? history.records : new Map();

describe('history wording', () => {
  it('words a field change with the column title, empty cells and periods in words', () => {
    expect(fieldText('problems', { column: 'status', from: '整改中', to: '已整改' })).toBe('整改状态：整改中 → 已整改');
    expect(fieldText('problems', { column: 'closed', from: '', to: '2020-03-01' })).toBe('完成日期：（空） → 2020-03-01');
    expect(fieldText('credit-ratings', { column: 'period', from: '2019-H1', to: '2019' })).toBe('评价期：2019年上半年 → 2019年度');
    expect(valueText('description', '长'.repeat(70))).toBe(`${'长'.repeat(60)}…`);
    expect(recordLabel('credit-ratings', ['91X', '2019-H2'])).toBe('91X 2019年下半年');
    expect(relatedLabel('credit-ratings', ['91X', '2019'])).toBe('2019年度评价');
  });

  it("lists a record's events newest first, a re-added record marked as such", () => {
    const lines = historyLines([{ timeline: records.get('problems')!.get('GS-2019-002')! }]);
    expect(lines.map((l) => [l.day, l.kind, l.again])).toEqual([
      ['2020-05-01', 'added', true],
      ['2020-03-02', 'removed', false],
      ['2020-01-10', 'added', false],
    ]);
    const withRatings = historyLines([
      { timeline: records.get('problems')!.get('GS-2019-001')! },
      { timeline: records.get('credit-ratings')!.get(keyId(['91X', '2019-H2']))!, about: '2019年下半年评价' },
    ]);
    expect(withRatings.map((l) => [l.day, l.about, l.fields.join('；')])).toEqual([
      ['2020-03-02', '2019年下半年评价', '信用等级：绿色 → 蓝色'],
      ['2020-03-02', '', '整改状态：整改中 → 已整改；完成日期：（空） → 2020-03-01'],
      ['2020-01-10', '', ''],
      ['2020-01-10', '2019年下半年评价', ''],
    ]);
  });

  it('builds the change log newest first, paged, grouped by day, with counts and records', () => {
    const log = changeLog(history, 2);
    expect(log.map((e) => [e.commit.short, e.page])).toEqual([
      ['4444444', 1],
      ['3333333', 1],
      ['2222222', 2],
      ['1111111', 2],
    ]);
    expect(groupByDay(log).map((d) => [d.day, d.entries.length])).toEqual([
      ['2020-05-01', 1],
      ['2020-03-02', 2],
      ['2020-01-10', 1],
    ]);
    const removal = log[1]!.tables[0]!;
    expect([countsText(removal), removal.records.map((r) => [r.kind, r.label])]).toEqual(['删除 1 条', [['removed', 'GS-2019-002']]]);
    expect(countsText({ added: 2, changed: 1, removed: 0 })).toBe('新增 2 条，修改 1 条');
    expect(changeLog({ available: false, reason: 'x' })).toEqual([]);
    // Each commit's own page: its id's first 12 characters, whatever page of the log it is on.
    expect(log.map((e) => e.address)).toEqual(['444444444444', '333333333333', '222222222222', '111111111111']);
  });

  it("gives each commit an address of its id's first 12 characters that newer commits do not move", () => {
    const a = '0123456789abcdef0123456789abcdef01234567';
    const b = 'fedcba9876543210fedcba9876543210fedcba98';
    const before = commitAddresses([a]);
    expect(before.get(a)).toBe('0123456789ab');
    const after = commitAddresses([a, b, 'aaaaaaa111111111111111111111111111111111']);
    expect(after.get(a)).toBe(before.get(a));
    expect(after.get(b)).toBe('fedcba987654');
    // Git's abbreviation (%h) is not used: it grows with the repository.
    expect([...after.values()].every((v) => v.length === 12)).toBe(true);
  });

  it('makes addresses longer only to tell apart commits that share the first 12 characters, and never a route of anything but hex', () => {
    const a = '0123456789abcd00000000000000000000000000';
    const b = '0123456789abcd11111111111111111111111111';
    const c = '0123456789ff0000000000000000000000000000';
    const addresses = commitAddresses([a, b, c]);
    expect(addresses.get(a)).toBe('0123456789abcd0');
    expect(addresses.get(b)).toBe('0123456789abcd1');
    expect(addresses.get(c)).toBe('0123456789ff');
    // What git would never hand over, and a cache might: no address, so no page.
    for (const bad of [
      '../../etc/passwd0000000',
      '0123456789ABCDEF0123456789ABCDEF01234567',
      'abc',
      '0123456789ab/0123456789',
      'g123456789abcdef0123456789abcdef01234567',
    ])
      expect(commitAddresses([bad]).has(bad), bad).toBe(false);
    // A SHA-256 repository's ids: the first 12 characters, as for SHA-1.
    expect(commitAddresses(['ab'.repeat(32)]).get('ab'.repeat(32))).toBe('abababababab');
    // Two ids that 40 characters do not tell apart get no page rather than one page for both.
    const long = 'c'.repeat(40);
    const both = commitAddresses([`${long}${'0'.repeat(24)}`, `${long}${'1'.repeat(24)}`]);
    expect(both.size).toBe(0);
  });

  it("gives a removed record's last content in the schema's column order, titled, empty cells left out", () => {
    expect(lastContent('problems', { status: '待整改', id: 'GS-2019-002', closed: '', title: '露天焚烧' })).toEqual([
      { column: 'id', title: '问题编号', value: 'GS-2019-002' },
      { column: 'title', title: '标题', value: '露天焚烧' },
      { column: 'status', title: '整改状态', value: '待整改' },
    ]);
  });
});

describe('the change log of a large commit', () => {
  it('names at most RECORDS_LISTED records of a table and counts the rest', async () => {
    const { listedRecords, RECORDS_LISTED, CHANGES_PER_PAGE } = await import('../../src/lib/history/history-view.ts');
    const many: HistoryCommit[] = [
      {
        ...ref(1, '2020-01-10T09:00:00+08:00'),
        tables: [t('problems', { added: Array.from({ length: RECORDS_LISTED + 7 }, (_, i) => [`GS-2020-${String(i).padStart(4, '0')}`]) })],
      },
    ];
    const log = (listed?: number) =>
      changeLog(
        { available: true, head: ref(1, '2020-01-10T09:00:00+08:00'), commits: many, versions: new Map(), records: buildTimelines(many) },
        CHANGES_PER_PAGE,
        listed,
      )[0]!.tables[0]!;
    const entry = log();
    const { shown, more } = listedRecords(entry);
    expect([shown.length, more, entry.added]).toEqual([RECORDS_LISTED, 7, RECORDS_LISTED + 7]);
    // The log holds only the records it names: the first commit of a large data set adds every row.
    expect(entry.records).toHaveLength(RECORDS_LISTED);
    expect(shown.at(-1)!.key).toEqual([`GS-2020-${String(RECORDS_LISTED - 1).padStart(4, '0')}`]);
    expect(listedRecords(log(1000)).more).toBe(0);
  });
});

describe('the heading of a change-log entry', () => {
  it('says in Chinese what changed, table by table, from the changes and never from the subject', () => {
    const log = changeLog(history);
    expect(log.map((e) => e.heading)).toEqual([
      '问题清单：新增 1 条',
      '问题清单：删除 1 条；信用评价：修改 2019年下半年 1 条（信用等级）',
      '问题清单：修改 1 条（整改状态、完成日期）',
      '问题清单：新增 2 条；信用评价：新增 2019年下半年 1 条',
    ]);
    for (const e of log) expect(e.heading).not.toContain(e.commit.subject);
  });

  it('names a period only when the records share it, at most three columns, and columns added or removed', () => {
    const entry = (tables: HistoryCommit['tables']) =>
      changeLog({
        available: true,
        head: ref(1, '2020-01-10T09:00:00+08:00'),
        commits: [{ ...ref(1, '2020-01-10T09:00:00+08:00'), tables }],
        versions: new Map(),
        records: new Map(),
      })[0]!;
    const ratings = Array.from({ length: 30 }, (_, i) => [`91X${i}`, '2019-H2']);
    expect(entry([t('credit-ratings', { added: [...ratings, ['91Y', '2019']] })]).heading).toBe('信用评价：新增 31 条');
    expect(entry([t('credit-ratings', { added: ratings })]).heading).toBe('信用评价：新增 2019年下半年 30 条');
    // The period is read from every record, not only from those the entry names.
    const mixed = changeLog(
      {
        available: true,
        head: ref(1, '2020-01-10T09:00:00+08:00'),
        commits: [{ ...ref(1, '2020-01-10T09:00:00+08:00'), tables: [t('credit-ratings', { added: [...ratings, ['91Y', '2019']] })] }],
        versions: new Map(),
        records: new Map(),
      },
      50,
      2,
    )[0]!;
    expect([mixed.heading, mixed.tables[0]!.records.length]).toEqual(['信用评价：新增 31 条', 2]);
    const fields = ['title', 'status', 'closed', 'measures'].map((column) => ({ column, from: 'a', to: 'b' }));
    expect(entry([t('problems', { changed: [{ key: ['GS-1'], fields }] })]).heading).toBe('问题清单：修改 1 条（标题、整改状态、完成日期等）');
    expect(entry([t('datasets', { columns: { added: ['x'], removed: [] } }), t('villages', { columns: { added: [], removed: ['y', 'z'] } })]).heading).toBe(
      '数据集说明：增加 1 列；村（社区）：去掉 2 列',
    );
    expect(changeHeading([])).toBe('数据文件有改动，记录未变');
  });
});
