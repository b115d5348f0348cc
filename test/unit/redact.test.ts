/**
 * redactions.csv applied to histories read from repositories made here (src/lib/history/redact.ts): which
 * past values are withheld (never the current one; with `until`, by the China Standard Time day
 * of the version that first held the value), which file versions are marked, whole records,
 * commit subjects, rules that match nothing, and `npm run diff`'s report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataHistory } from '../../src/build/history/data-history.ts';
import { keyId } from '../../src/lib/history/record-diff.ts';
import { diffTable } from '../../src/lib/history/record-diff.ts';
import { redactDiff, redactHistory, withholdingsFromCells, WITHHELD_SUBJECT, type Withholding } from '../../src/lib/history/redact.ts';
import { timelineOf, type DataHistory } from '../../src/lib/history/record-history.ts';
import { problems } from '../../src/schemas/problems.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';

const HEAD =
  'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url';
const p = (id: string, title: string, description: string) => `${id},2019-01-02,信访举报,,东村河,水,${title},"${description}",属实,,环保办,,整改中,,,,,`;
const csv = (...rows: string[]) => `${HEAD}\n${rows.join('\n')}\n`;
const R_HEAD = 'uscc,period,rating,score,reason,published,publisher,source_url';
const rating = (r: string) => `${R_HEAD}\n91110000600037341L,2019-H1,${r},,,2019-08-20,示例生态环境局,\n`;

let repo: TempRepo;
let cache: string;
let history: DataHistory;
const ids: Record<string, string> = {};

beforeAll(async () => {
  repo = tempRepo('gushan-redact-');
  cache = mkdtempSync(join(tmpdir(), 'gushan-redact-cache-'));
  // 1: A with a phone number (09:00 China time), fixed the same day (10:00) to B.
  ids.a = repo.commit(
    {
      'data/problems.csv': csv(p('GS-2019-001', '垃圾', '举报人电话 13912345678'), p('GS-2019-002', '油烟', '旧说明')),
      'data/credit-ratings.csv': rating('黑色'),
    },
    '2020-01-10T09:00:00+08:00',
    '首次公开',
  );
  ids.b = repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '垃圾', '已删去电话'), p('GS-2019-002', '油烟', '旧说明')) },
    '2020-01-10T10:00:00+08:00',
    '删去电话 13912345678',
  );
  // 2: B changed to C late at night in UTC: 2020-01-20 23:30 UTC is already 01-21 in China.
  ids.c = repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '垃圾', '第三稿'), p('GS-2019-002', '油烟', '旧说明')) },
    '2020-01-20T23:30:00+00:00',
    '第三稿',
  );
  // 3: the rating corrected after review; GS-2019-002 changed, then removed.
  ids.d = repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '垃圾', '第三稿'), p('GS-2019-002', '夜市油烟', '旧说明')), 'data/credit-ratings.csv': rating('黄色') },
    '2020-02-01T10:00:00+08:00',
    '复核更正',
  );
  ids.e = repo.commit({ 'data/problems.csv': csv(p('GS-2019-001', '垃圾', '第三稿')) }, '2020-03-01T10:00:00+08:00', '删除 GS-2019-002');
  history = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: cache });
}, 60_000);

afterAll(() => {
  repo?.remove();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

/** The working tree as it is now: GS-2019-001 with 第三稿, GS-2019-002 gone, the rating 黄色. */
const current = (table: string, key: readonly string[]): Record<string, string> | undefined => {
  if (table === 'problems' && key[0] === 'GS-2019-001') return { id: 'GS-2019-001', title: '垃圾', description: '第三稿' };
  if (table === 'credit-ratings') return { uscc: key[0]!, period: key[1]!, rating: '黄色' };
  return undefined;
};
const rule = (r: Partial<Withholding> & Pick<Withholding, 'table' | 'key'>): Withholding => ({ reason: '个人信息', line: 2, ...r });
const descriptions = (h: DataHistory) =>
  h.available
    ? h.commits.flatMap((c) =>
        c.tables.flatMap((t) => t.changed.flatMap((ch) => ch.fields.filter((f) => f.column === 'description').map((f) => `${f.from} → ${f.to}`))),
      )
    : [];
const marked = (h: DataHistory, table: string) => (h.available ? (h.versions.get(table) ?? []).map((v) => v.withheld ?? '') : []);

describe('withholding past values of a field', () => {
  it('withholds every past value that differs from the current one, and marks the versions that held them', () => {
    const r = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-001'], column: 'description' })], current);
    expect(descriptions(r.history)).toEqual(['已隐去：个人信息 → 已隐去：个人信息', '已隐去：个人信息 → 第三稿']);
    // versions a, b and c held a past description (its first two versions), d and e the current one
    expect(marked(r.history, 'problems')).toEqual(['个人信息', '个人信息', '', '', '']);
    expect(r.unmatched).toEqual([]);
  });

  it('with until, withholds only values first held by a version committed on or before that day in China Standard Time', () => {
    const sameDay = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-001'], column: 'description', until: '2020-01-10' })], current);
    // A and B were both first committed on 2020-01-10 (a leak fixed the same day is covered).
    expect(descriptions(sameDay.history)).toEqual(['已隐去：个人信息 → 已隐去：个人信息', '已隐去：个人信息 → 第三稿']);
    const before = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-001'], column: 'description', until: '2020-01-09' })], current);
    expect(descriptions(before.history)).toEqual(['举报人电话 13912345678 → 已删去电话', '已删去电话 → 第三稿']);
    expect(before.unmatched).toHaveLength(1);
  });

  it('never withholds the current value, even from the versions that first held it', () => {
    const now = (table: string, key: readonly string[]) =>
      table === 'problems' && key[0] === 'GS-2019-001' ? { description: '已删去电话' } : current(table, key);
    const r = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-001'], column: 'description' })], now);
    expect(descriptions(r.history)).toEqual(['已隐去：个人信息 → 已删去电话', '已删去电话 → 已隐去：个人信息']);
  });

  it('withholds a field of a two-column key record (a rating corrected on review)', () => {
    const r = redactHistory(
      history,
      [rule({ table: 'credit-ratings', key: ['91110000600037341L', '2019-H1'], column: 'rating', reason: '复核更正' })],
      current,
    );
    const t = timelineOf(r.history, 'credit-ratings', ['91110000600037341L', '2019-H1'])!;
    expect(t.events.flatMap((e) => (e.kind === 'changed' ? e.fields.map((f) => `${f.from} → ${f.to}`) : []))).toEqual(['已隐去：复核更正 → 黄色']);
  });

  it('hides a commit subject that quotes a withheld value or a run of its digits', () => {
    const r = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-001'], column: 'description' })], current);
    expect(r.history.available && r.history.commits.map((c) => c.subject)).toEqual(['首次公开', WITHHELD_SUBJECT, '第三稿', '复核更正', '删除 GS-2019-002']);
  });

  it('reports a rule whose key, column or record matches nothing', () => {
    const rules = [
      rule({ table: 'problems', key: ['GS-2019-009'], column: 'description' }),
      rule({ table: 'problems', key: ['GS-2019-001'], column: 'measures' }),
      rule({ table: 'problems', key: ['GS-2019-001'] }),
    ];
    expect(redactHistory(history, rules, current).unmatched).toEqual(rules);
  });

  it('leaves a history without git as it is', () => {
    const none: DataHistory = { available: false, reason: '没有 git' };
    expect(redactHistory(none, [rule({ table: 'problems', key: ['GS-2019-001'] })], current)).toEqual({ history: none, records: new Map(), unmatched: [] });
  });
});

describe('withholding a removed record as a whole', () => {
  it('keeps only its key in its last content and withholds each of its past values', () => {
    const r = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-002'] })], current);
    const t = timelineOf(r.history, 'problems', 'GS-2019-002')!;
    expect(t.removed?.last).toEqual({ id: 'GS-2019-002' });
    expect(t.events.flatMap((e) => (e.kind === 'changed' ? e.fields.map((f) => `${f.column} ${f.from} → ${f.to}`) : []))).toEqual([
      'title 已隐去：个人信息 → 已隐去：个人信息',
    ]);
    expect(r.records.get('problems')?.get(keyId(['GS-2019-002']))).toEqual({ reason: '个人信息', whole: true });
    // Every version held the record until it was removed.
    expect(marked(r.history, 'problems')).toEqual(['个人信息', '个人信息', '个人信息', '个人信息', '']);
  });

  it('with until, keeps the values first published after that day and says the record is only partly withheld', () => {
    const r = redactHistory(history, [rule({ table: 'problems', key: ['GS-2019-002'], until: '2020-01-31' })], current);
    const t = timelineOf(r.history, 'problems', 'GS-2019-002')!;
    expect(t.removed?.last.title).toBe('夜市油烟');
    expect(t.removed?.last.description).toBe('已隐去：个人信息');
    expect(r.records.get('problems')?.get(keyId(['GS-2019-002']))?.whole).toBe(false);
  });
});

describe('npm run diff withholds the same values', () => {
  const before = csv(p('GS-2019-001', '垃圾', '举报人电话 13912345678'), p('GS-2019-002', '油烟', '联系人 13800001111'));
  const after = csv(p('GS-2019-001', '垃圾', '已删去电话'));
  const rules = withholdingsFromCells([
    { table: 'problems', key: 'GS-2019-001', column: 'description', until: '', reason: '个人信息' },
    { table: 'problems', key: 'GS-2019-002', column: '', until: '', reason: '个人信息' },
    { table: 'nosuch', key: 'x', column: '', until: '', reason: '个人信息' },
    { table: 'credit-ratings', key: 'only-one-part', column: 'rating', until: '', reason: '复核更正' },
  ]);

  it('reads only the rows the validator would accept', () => {
    expect(rules.map((r) => `${r.table} ${r.key.join('+')} ${r.column ?? '（整条）'} ${r.line}`)).toEqual([
      'problems GS-2019-001 description 2',
      'problems GS-2019-002 （整条） 3',
    ]);
  });

  it('shows the old side of a withheld field and keeps only the key of a record withheld as a whole', () => {
    const d = redactDiff(diffTable(problems, before, after), rules);
    expect(d.changed.map((c) => c.fields.map((f) => `${f.from} → ${f.to}`))).toEqual([['已隐去：个人信息 → 已删去电话']]);
    expect(d.removed.map((r) => r.values)).toEqual([{ id: 'GS-2019-002' }]);
    expect(JSON.stringify(d)).not.toMatch(/1391234|1380000/);
  });
});

describe('one way to the history', () => {
  it('is through src/data.ts, which applies redactions.csv before any page, feed or index sees it', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { ROOT } = await import('../helpers/paths.ts');
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|astro|mjs)$/.test(f));
    const readers = files.filter((f) => /\breadDataHistory\s*\(/.test(readFileSync(join(ROOT, 'src', f), 'utf8'))).map((f) => f.split('\\').join('/'));
    expect(readers.sort()).toEqual(['build/history/data-history.ts', 'data.ts']);
    expect(readFileSync(join(ROOT, 'src/data.ts'), 'utf8')).toMatch(/redactHistory\(raw,/);
  });
});
