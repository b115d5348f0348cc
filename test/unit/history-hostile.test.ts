/**
 * History can never break the build: the reader on a hostile history made here — keys that
 * would not validate today ("/", "..", "%2F", 300 characters, letter case), keys colliding after
 * case folding, subjects with control characters, a NUL and the old log separators with forged
 * fields, committer dates of 1970, 2100 and text git cannot read, a version not in UTF-8, a merge
 * commit — and the pure checks behind it (src/lib/history/history-screen.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataHistory } from '../../src/build/history/data-history.ts';
import { cleanSubject, commitDate, foldKey, keyProblem, logText, screenKeys } from '../../src/lib/history/history-screen.ts';
import { keyId, keyLine } from '../../src/lib/history/record-diff.ts';
import { timelineOf, type DataHistory, type HistoryCommit } from '../../src/lib/history/record-history.ts';
import { text } from '../../src/schemas/columns.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { problems } from '../../src/schemas/problems.ts';
import { redactions } from '../../src/schemas/redactions.ts';
import { villages } from '../../src/schemas/villages.ts';
import { columnMetaOf, type AnyTable } from '../../src/schemas/table.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';

const HEAD =
  'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url';
const p = (id: string, status = '整改中') => `${id},2019-01-02,信访举报,,东村河,水,偷排废水,"群众反映：\n夜间排污。",属实,,环保办,,${status},,,,,`;
const csv = (...rows: string[]) => `${HEAD}\n${rows.join('\n')}\n`;
const V = 'id,name,kind\ndongcun,东村,村\n';
/** A table keyed by free text, where only folding tells two keys apart (the real tables' key patterns already refuse letter case). */
const notes: AnyTable = {
  name: 'notes',
  title: '备注',
  columns: { name: text({ title: '名称', description: '测试用', required: true }, 100), body: text({ title: '内容', description: '测试用' }) },
  primaryKey: ['name'],
  foreignKeys: [],
};
const N = (...names: string[]) => `name,body\n${names.map((n) => `${n},x`).join('\n')}\n`;
const LONG = `GS-2019-${'1'.repeat(292)}`; // matches the id pattern: only its length is wrong
const FAKE_ID = 'f'.repeat(40);
/** 东村 in GBK: a version saved by Excel in the local encoding. */
const GBK = Buffer.concat([Buffer.from('id,name,kind\ndongcun,'), Buffer.from([0xb6, 0xab, 0xb4, 0xe5]), Buffer.from(',村\n')]);

let repo: TempRepo;
let history: DataHistory;
const warned: string[] = [];
const ids: Record<string, string> = {};
const short = (id: string) => repo.git(['rev-parse', '--short', id]);

beforeAll(async () => {
  repo = tempRepo('gushan-hostile-');
  const one = p('GS-2019-001');
  ids.first = repo.commit({ 'data/problems.csv': csv(one), 'data/villages.csv': V, 'data/notes.csv': N('Alpha') }, '2019-01-10T09:00:00+08:00', '首次公开');
  // Mistyped keys next to a real change: the change is kept, the rows of the keys are not.
  ids.typo = repo.commit(
    {
      'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS/2019-002'), p('GS%2F2019-003'), p(LONG)),
      'data/villages.csv': `${V}..,点点,村\n`,
      'data/notes.csv': N('Alpha', 'alpha', 'Ｂｅｔａ'),
    },
    '2019-02-01T10:00:00+08:00',
    '新增问题（编号写错）',
  );
  // What "Rebase and merge" leaves next: the correction.
  ids.fix = repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS-2019-002')), 'data/villages.csv': V, 'data/notes.csv': N('Alpha', 'Ｂｅｔａ') },
    '2019-02-02T10:00:00+08:00',
    '改正编号',
  );
  ids.beta = repo.commit({ 'data/notes.csv': N('Alpha', 'beta') }, '2019-02-03T10:00:00+08:00', '改写 beta');
  // A branch merged without fast-forward, adding a key that differs from a current one only in case.
  repo.git(['checkout', '-q', '-b', 'edit']);
  repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS-2019-002'), p('gs-2019-001')), 'data/villages.csv': `${V}xishe,西社区,社区\n` },
    '2019-02-10T10:00:00+08:00',
    '分支',
  );
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--no-ff', '-m', '合并分支', 'edit'], '2019-02-11T10:00:00+08:00');
  ids.merge = repo.git(['rev-parse', 'HEAD']);
  // A subject with the old separators (\x01, \x02) and forged fields, an escape sequence, and a NUL.
  const forged = Buffer.concat([
    Buffer.from(`真的说明\x01${FAKE_ID}\x022030-01-01T00:00:00+08:00\x02伪造的提交\x1b[31m红字`),
    Buffer.from([0]),
    Buffer.from('NUL 之后\n\n正文\n'),
  ]);
  ids.forged = repo.commitRaw({ 'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS-2019-002', '已整改')) }, '1549936800 +0800', forged); // 2019-02-12 10:00 +08:00
  // Committer dates no history can have: 1970, text git cannot read; then an honest one.
  ids.epoch = repo.commit({ 'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS-2019-002', '已整改'), p('GS-2019-003')) }, '@1 +0000', '1970 年的提交');
  ids.garbled = repo.commitRaw({ 'data/villages.csv': `${V}xishe,西社区,村\n` }, 'notadate +0000', '日期无法读取');
  ids.honest = repo.commit(
    { 'data/problems.csv': csv(p('GS-2019-001', '已整改'), p('GS-2019-002', '已整改'), p('GS-2019-003', '已整改')), 'data/notes.csv': N('Alpha') },
    '2019-05-01T10:00:00+08:00',
    '正常的提交',
  );
  ids.gbk = repo.commit({ 'data/villages.csv': GBK }, '2019-05-02T10:00:00+08:00', '用 GBK 另存');
  // The last commit dated far in the future: no later commit to borrow from, so the one before.
  ids.future = repo.commit({ 'data/villages.csv': `${V}xishe,西社区,村\nnanshan,南山,村\n` }, '@4102444800 +0800', '2100 年的提交');
  history = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: false, tables: [...ALL_TABLES, notes], warn: (m) => warned.push(m) });
}, 120_000);

afterAll(() => repo?.remove());

const available = () => {
  if (!history.available) throw new Error(history.reason);
  return history;
};
const keysOf = (table: string) => [...(available().records.get(table)?.values() ?? [])].map((t) => t.key.join('+'));

describe('keys of old versions that would not validate today', () => {
  it('are left out of the history, with no record and so no page', () => {
    expect(keysOf('problems')).toEqual(['GS-2019-001', 'GS-2019-002', 'GS-2019-003']);
    expect(keysOf('villages')).toEqual(['dongcun', 'xishe', 'nanshan']);
    expect(keysOf('notes')).toEqual(['Alpha', 'Ｂｅｔａ']);
  });

  it('are reported once each in Chinese, with file, line, commit and date, in the order they appeared', () => {
    const typo = short(ids.typo!);
    const tail = '，不能作为记录的编号。这条记录的这些旧版本不列入修改历史，也不生成页面；其余的修改历史照常显示，现在的数据不受影响。';
    // The reason is the message the validator gives today for that cell (its wording is the schema's).
    const today = (def: AnyTable, value: string) => {
      const r = columnMetaOf(def, def.primaryKey[0]!)!.parse(value);
      return r.ok ? '' : r.message;
    };
    // The schema may refuse 300 characters itself (its message then); else the history's own limit does.
    const long = today(problems, LONG) || `“${LONG.slice(0, 40)}…”太长（300 字，编号不能超过 64 字）`;
    expect(warned.filter((w) => !w.includes('提交日期'))).toEqual([
      `数据修改历史：data/villages.csv 第 3 行（提交 ${typo}，2019-02-01）中编号${today(villages, '..')}${tail}`,
      `数据修改历史：data/problems.csv 第 4 行（提交 ${typo}，2019-02-01）中问题编号${today(problems, 'GS/2019-002')}${tail}`,
      `数据修改历史：data/problems.csv 第 6 行（提交 ${typo}，2019-02-01）中问题编号${today(problems, 'GS%2F2019-003')}${tail}`,
      `数据修改历史：data/problems.csv 第 8 行（提交 ${typo}，2019-02-01）中问题编号${long}${tail}`,
      `数据修改历史：data/notes.csv 第 3 行（提交 ${typo}，2019-02-01）中名称“alpha”与“Alpha”只差字母大小写或全角/半角（在不区分大小写的系统上是同一个文件夹），只保留现有的“Alpha”${tail}`,
      `数据修改历史：data/notes.csv 第 3 行（提交 ${short(ids.beta!)}，2019-02-03）中名称“beta”与“Ｂｅｔａ”只差字母大小写或全角/半角（在不区分大小写的系统上是同一个文件夹），只保留先出现的“Ｂｅｔａ”${tail}`,
      `数据修改历史：data/problems.csv 第 6 行（提交 ${short(ids.merge!)}，2019-02-11）中问题编号${today(problems, 'gs-2019-001')}${tail}`,
    ]);
    expect(available().warnings).toEqual(warned);
  });

  it('leave the rest of each commit: the change beside the mistyped keys, the correction, the merge', () => {
    const h = available();
    const typo = h.commits.find((c) => c.id === ids.typo)!;
    expect(typo.tables.map((t) => [t.table, t.added, t.changed.map((c) => c.key)])).toEqual([
      ['problems', [], [['GS-2019-001']]],
      ['notes', ['Ｂｅｔａ'], []],
    ]);
    expect(timelineOf(h, 'problems', 'GS-2019-002')!.firstSeen.id).toBe(ids.fix);
    const merge = h.commits.find((c) => c.id === ids.merge)!;
    expect(merge.tables.map((t) => [t.table, t.added])).toEqual([['villages', ['xishe']]]);
    // The versions that held the bad keys are still listed (their links are to files, not made from keys).
    expect(h.versions.get('problems')!.map((v) => v.commit.id)).toContain(ids.typo);
  });
});

describe('commit metadata', () => {
  it("takes ids and dates from git's own fields: a subject cannot add a commit, move one, or change its id", () => {
    const h = available();
    expect(h.commits.some((c) => c.id === FAKE_ID || c.date.startsWith('2030'))).toBe(false);
    const forged = h.commits.find((c) => c.id === ids.forged)!;
    expect(forged).toMatchObject({ date: '2019-02-12T10:00:00+08:00', short: short(ids.forged!) });
    // Control characters became spaces; git ends the subject at the NUL.
    expect(forged.subject).toBe(`真的说明 ${FAKE_ID} 2030-01-01T00:00:00+08:00 伪造的提交 [31m红字`);
    expect(forged.tables[0]!.changed).toEqual([{ key: ['GS-2019-002'], fields: [{ column: 'status', from: '整改中', to: '已整改' }] }]);
  });

  it('replaces a date of 1970, or one git cannot read, by the next believable one, and says so', () => {
    const h = available();
    const dates = new Map(h.commits.map((c) => [c.id, c.date]));
    expect(dates.get(ids.epoch!)).toBe('2019-05-01T10:00:00+08:00');
    expect(dates.get(ids.garbled!)).toBe('2019-05-01T10:00:00+08:00');
    // So a problem cannot look first published on the site before it was.
    expect(timelineOf(h, 'problems', 'GS-2019-003')!.firstSeen.date).toBe('2019-05-01T10:00:00+08:00');
    expect(warned.filter((w) => w.includes('提交日期'))).toEqual([
      `数据修改历史：提交 ${short(ids.epoch!)} 的提交日期“1970-01-01T00:00:01+00:00”不可信（早于 2005 年 git 问世、晚于现在，或无法读取），按后面最近一个提交的日期 2019-05-01 计。`,
      `数据修改历史：提交 ${short(ids.garbled!)} 的提交日期“%cI”不可信（早于 2005 年 git 问世、晚于现在，或无法读取），按后面最近一个提交的日期 2019-05-01 计。`,
      `数据修改历史：提交 ${short(ids.future!)} 的提交日期“2100-01-01T08:00:00+08:00”不可信（早于 2005 年 git 问世、晚于现在，或无法读取），按前面最近一个提交的日期 2019-05-02 计。`,
    ]);
  });

  it('gives the last commit, dated in 2100, the date before it, for its changes and for HEAD', () => {
    const h = available();
    expect(h.commits.at(-1)).toMatchObject({ id: ids.future, date: '2019-05-02T10:00:00+08:00' });
    expect(h.head).toEqual({ id: ids.future, short: short(ids.future!), date: '2019-05-02T10:00:00+08:00', subject: '2100 年的提交' });
  });

  it('reads on past a version that is not UTF-8', () => {
    const gbk = available().commits.find((c) => c.id === ids.gbk)!;
    expect(gbk.tables[0]).toMatchObject({ table: 'villages', unreadable: { side: 'new' } });
    expect(available().commits.at(-1)!.tables[0]!.added).toEqual(['nanshan']);
  });
});

describe('the checks (pure)', () => {
  it("refuses keys that fail their column's check, are too long or are not route-safe", () => {
    expect(keyProblem(problems, ['GS-2019-001'])).toBeUndefined();
    expect(keyProblem(problems, ['GS/2019-001'])).toContain('格式不对');
    expect(keyProblem(villages, ['a..b'])).toContain('格式不对');
    expect(keyProblem(notes, ['../x'])).toBe('名称“../x”含有不能用在网址中的字符（编号只能由字母、数字和 - _ . + 组成）');
    expect(keyProblem(notes, ['a%2Fb'])).toContain('不能用在网址中');
    expect(keyProblem(notes, ['.hidden'])).toContain('不能用在网址中');
    // A control character is refused, and never printed as itself.
    expect(keyProblem(notes, ['a\u0000b\u001b[31m'])).toMatch(/^名称[^\p{Cc}]+$/u);
    expect(keyProblem(notes, ['x'.repeat(65)])).toBe(`名称“${'x'.repeat(40)}…”太长（65 字，编号不能超过 64 字）`);
    expect(keyProblem(notes, ['东村-2019.v2+1'])).toBeUndefined();
    // An optional key column may be empty (redactions.csv: an empty column withholds a whole record).
    expect(keyProblem(redactions, ['problems', 'GS-2019-001', ''])).toBeUndefined();
  });

  it('folds letter case and full-width forms (NFKC), ß as SS', () => {
    expect(foldKey(['Ａｌｐｈａ'])).toBe(foldKey(['alpha']));
    expect(foldKey(['STRASSE'])).toBe(foldKey(['straße']));
    expect(foldKey(['a', 'B'])).not.toBe(foldKey(['aB']));
  });

  it("believes a committer date only when git's two fields agree and it lies between 2005 and tomorrow", () => {
    const now = Date.UTC(2025, 0, 1);
    expect(commitDate('1549936800', '2019-02-12T10:00:00+08:00', now)).toBe('2019-02-12T10:00:00+08:00');
    expect(commitDate('1549936800', '2019-02-12T11:00:00+08:00', now)).toBeUndefined(); // disagree
    expect(commitDate('1', '1970-01-01T00:00:01+00:00', now)).toBeUndefined();
    expect(commitDate(String(now / 1000 + 7 * 86400), new Date(now + 7 * 86_400_000).toISOString().replace('.000Z', 'Z'), now)).toBeUndefined();
    expect(commitDate('', '%cI', now)).toBeUndefined();
    expect(commitDate('99999999999', '5138-11-16T09:46:39+00:00', now)).toBeUndefined();
  });

  it('makes a subject one line of plain text, shortened', () => {
    expect(cleanSubject('a\x01b\x1b[0m\u202Ec\r\nd\u2028e')).toBe('a b [0m c d e');
    expect([...cleanSubject('长'.repeat(500))]).toHaveLength(201);
    expect(logText('a\x1b[31m\u202Eb')).toBe('a\\u001B[31m\\u202Eb');
  });

  it('keeps the key present at HEAD in a collision, else the first seen, and drops the emptied commits', () => {
    const change = (table: string, added: string[][], removed: string[][] = []) => ({
      table,
      path: `data/${table}.csv`,
      blob: 'b',
      added: added.map(keyId),
      removed: removed.map((key) => ({ key, values: {} })),
      changed: [],
      columns: { added: [], removed: [] },
      notes: [],
    });
    const c = (id: string, ...tables: ReturnType<typeof change>[]): HistoryCommit => ({
      id,
      short: id,
      date: '2020-01-01T00:00:00+08:00',
      subject: id,
      tables,
    });
    const { commits, skipped } = screenKeys([c('1', change('notes', [['KEY']])), c('2', change('notes', [['key']], [['KEY']]))], [notes]);
    expect(skipped.map((s) => [s.key, s.commit.id])).toEqual([[['KEY'], '1']]);
    expect(commits.map((x) => [x.id, x.tables[0]!.added, x.tables[0]!.removed])).toEqual([['2', [keyId(['key'])], []]]);
  });

  it('leaves out an added key whose value holds the keyIds’ separator (a control character), though it reads back as a valid key and more', () => {
    const change = (table: string, added: string[]) => ({
      table,
      path: `data/${table}.csv`,
      blob: 'b',
      added,
      removed: [],
      changed: [],
      columns: { added: [], removed: [] },
      notes: [],
    });
    const commit: HistoryCommit = {
      id: '1',
      short: '1',
      date: '2020-01-01T00:00:00+08:00',
      subject: '1',
      tables: [change('problems', ['GS-2019-001\u001fX', 'GS-2019-002'])],
    };
    const { commits, skipped } = screenKeys([commit], [problems]);
    expect(skipped.map((s) => s.reason)).toEqual(['问题编号“GS-2019-001[U+001F]X”含有不能用在网址中的字符（编号只能由字母、数字和 - _ . + 组成）']);
    expect(commits[0]!.tables[0]!.added).toEqual(['GS-2019-002']);
    expect(keyProblem(problems, ['GS-2019-001', 'X'])).toContain('含有不能用在网址中的字符');
  });

  it('finds the line of a key in a version, counting line breaks inside quotes', () => {
    expect(keyLine(problems, csv(p('GS-2019-001'), p('GS-2019-002')), ['GS-2019-002'])).toBe(4);
    expect(keyLine(problems, `\ufeff${csv(p('GS-2019-001'))}`.replace(/\n/g, '\r\n'), ['GS-2019-001'])).toBe(2);
    expect(keyLine(problems, csv(p('GS-2019-001')), ['GS-2019-009'])).toBeUndefined();
    expect(keyLine(villages, GBK, ['dongcun'])).toBeUndefined();
  });
});

describe('a shallow clone', () => {
  it('is still said to have no complete history', async () => {
    const target = mkdtempSync(join(tmpdir(), 'gushan-hostile-shallow-'));
    repo.git(['clone', '-q', '--depth', '1', `file://${repo.dir}`, join(target, 'c')]);
    const h = await readDataHistory({ dataDir: join(target, 'c', 'data'), cacheDir: false, warn: () => {} });
    rmSync(target, { recursive: true, force: true });
    expect(h).toEqual({ available: false, reason: expect.stringContaining('浅克隆') });
  });
});
