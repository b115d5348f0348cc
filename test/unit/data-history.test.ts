/**
 * The history reader on fixture repositories made here, with commits at set dates: add,
 * change a status, an Excel re-save (BOM and CRLF only), remove, a commit that breaks the file
 * then its fix, re-add, a renamed key, a merged branch; the cache; and the cases without history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastChange, readDataHistory, type HistoryStats } from '../../src/build/history/data-history.ts';
import { timelineOf, type DataHistory } from '../../src/lib/history/record-history.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { FIXTURE } from '../helpers/paths.ts';
import { appendCommit, makeHistory } from '../../scripts/bench-history.ts';

const HEAD =
  'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url';
const p = (id: string, reported: string, status: string, closed = '', title = '偷排废水') =>
  `${id},${reported},信访举报,,东村河,水,${title},"群众反映：\n夜间排污。",属实,,环保办,,${status},${closed},,,,`;
const csv = (...rows: string[]) => `${HEAD}\n${rows.join('\n')}\n`;
const V = 'id,name,kind\ndongcun,东村,村\n';

let repo: TempRepo;
let cache: string;
const ids: Record<string, string> = {};
let history: DataHistory;
const stats: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };

beforeAll(async () => {
  repo = tempRepo();
  cache = mkdtempSync(join(tmpdir(), 'gushan-history-cache-'));
  const one = p('GS-2019-001', '2019-01-02', '整改中');
  const two = p('GS-2019-002', '2019-01-05', '待整改', '', '露天焚烧');
  ids.add = repo.commit({ 'data/problems.csv': csv(one, two), 'data/villages.csv': V, 'README.md': '说明' }, '2019-01-10T09:00:00+08:00', '首次公开问题清单');
  const oneDone = p('GS-2019-001', '2019-01-02', '已整改', '2019-03-01');
  ids.status = repo.commit({ 'data/problems.csv': csv(oneDone, two) }, '2019-03-02T10:00:00+08:00', 'GS-2019-001 已整改');
  ids.excel = repo.commit(
    { 'data/problems.csv': `\ufeff${csv(oneDone, two).replace(/\n/g, '\r\n')}`, 'data/other.csv': 'a,b\n1,2\n' },
    '2019-04-01T10:00:00+08:00',
    '用 Excel 另存',
  );
  ids.remove = repo.commit({ 'data/problems.csv': csv(oneDone) }, '2019-05-01T10:00:00+08:00', '删除 GS-2019-002');
  ids.broken = repo.commit({ 'data/problems.csv': csv(oneDone).replace(/^id,/, '编号x,') }, '2019-06-01T10:00:00+08:00', '改坏了表头');
  ids.fix = repo.commit({ 'data/problems.csv': csv(oneDone.replace('环保办', '镇环保办')) }, '2019-06-02T10:00:00+08:00', '修好表头，改责任单位');
  ids.readd = repo.commit({ 'data/problems.csv': csv(oneDone.replace('环保办', '镇环保办'), two) }, '2019-07-01T10:00:00+08:00', '恢复 GS-2019-002');
  // A branch merged without fast-forward: the first-parent history sees its change at the merge.
  repo.git(['checkout', '-q', '-b', 'edit']);
  repo.commit({ 'data/villages.csv': `${V}xishe,西社区,社区\n` }, '2019-07-15T10:00:00+08:00', '分支：新增西社区');
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--no-ff', '-m', '合并：新增西社区', 'edit'], '2019-07-20T10:00:00+08:00');
  ids.merge = repo.git(['rev-parse', 'HEAD']);
  ids.rename = repo.commit(
    { 'data/problems.csv': csv(oneDone.replace('环保办', '镇环保办').replace('GS-2019-001', 'GS-2019-101'), two) },
    '2019-08-01T10:00:00+08:00',
    '编号改为 GS-2019-101',
  );
  history = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: cache }, stats);
}, 120_000); // some twenty git commands: slow on a busy machine

afterAll(() => {
  repo.remove();
  rmSync(cache, { recursive: true, force: true });
});

const available = () => {
  if (!history.available) throw new Error(history.reason);
  return history;
};

describe('readDataHistory on a fixture repository', () => {
  it('lists the commits that changed records, oldest first, with committer date, ids and subject', () => {
    const h = available();
    expect(h.commits.map((c) => [c.date, c.subject])).toEqual([
      ['2019-01-10T09:00:00+08:00', '首次公开问题清单'],
      ['2019-03-02T10:00:00+08:00', 'GS-2019-001 已整改'],
      ['2019-05-01T10:00:00+08:00', '删除 GS-2019-002'],
      ['2019-06-01T10:00:00+08:00', '改坏了表头'],
      ['2019-06-02T10:00:00+08:00', '修好表头，改责任单位'],
      ['2019-07-01T10:00:00+08:00', '恢复 GS-2019-002'],
      ['2019-07-20T10:00:00+08:00', '合并：新增西社区'],
      ['2019-08-01T10:00:00+08:00', '编号改为 GS-2019-101'],
    ]);
    expect(h.commits[0]!.id).toBe(ids.add);
    expect(ids.add!.startsWith(h.commits[0]!.short)).toBe(true);
    expect(h.commits[0]!.short).toBe(repo.git(['rev-parse', '--short', ids.add!]));
    expect(h.head.short).toBe(repo.git(['rev-parse', '--short', 'HEAD']));
    expect(h.head.id).toBe(ids.rename);
    expect(h.commits[0]!.tables.map((t) => [t.table, t.path, t.added])).toEqual([
      ['villages', 'data/villages.csv', ['dongcun']],
      ['problems', 'data/problems.csv', ['GS-2019-001', 'GS-2019-002']],
    ]);
  });

  it('reports a status change with its fields old → new', () => {
    const c = available().commits.find((x) => x.id === ids.status)!;
    expect(c.tables).toEqual([
      expect.objectContaining({
        table: 'problems',
        added: [],
        removed: [],
        changed: [
          {
            key: ['GS-2019-001'],
            fields: [
              { column: 'status', from: '整改中', to: '已整改' },
              { column: 'closed', from: '', to: '2019-03-01' },
            ],
          },
        ],
      }),
    ]);
  });

  it('reports nothing for a file re-saved by Excel with only its BOM and line ends changed, but lists the version', () => {
    const h = available();
    expect(h.commits.some((c) => c.id === ids.excel)).toBe(false);
    expect(h.versions.get('problems')!.map((v) => v.commit.id)).toContain(ids.excel);
    expect(h.versions.get('problems')).toHaveLength(8);
    expect(h.versions.has('other')).toBe(false); // not a table of the schemas
  });

  it('reads on past a commit that breaks the file: it says so, and the fix is compared with the last readable version', () => {
    const h = available();
    const broken = h.commits.find((c) => c.id === ids.broken)!;
    expect(broken.tables[0]).toMatchObject({ table: 'problems', unreadable: { side: 'new', reason: '缺少主键列 id' }, added: [], removed: [], changed: [] });
    const fix = h.commits.find((c) => c.id === ids.fix)!;
    expect(fix.tables[0]).toMatchObject({
      added: [],
      removed: [],
      changed: [{ key: ['GS-2019-001'], fields: [{ column: 'responsible', from: '环保办', to: '镇环保办' }] }],
    });
  });

  it('sees a change merged from a branch at the merge commit (first-parent history)', () => {
    const merge = available().commits.find((c) => c.id === ids.merge)!;
    expect(merge.tables.map((t) => [t.table, t.added])).toEqual([['villages', ['xishe']]]);
  });

  it("dates a merged branch's change as lastChange does: a /data/ card's 最近更新 is its newest version's day, the merge's", () => {
    // The branch's own commit (2019-07-15) is older than the merge (2019-07-20) and touched the
    // file last of all; a reader following any parent would give its day.
    const newest = available().versions.get('villages')!.at(-1)!;
    expect(newest.commit.id).toBe(ids.merge);
    expect(lastChange(join(repo.dir, 'data', 'villages.csv'))).toBe(newest.commit.date.slice(0, 10));
    expect(newest.commit.date.slice(0, 10)).toBe('2019-07-20');
    expect(repo.git(['log', '-1', '--format=%cs', '--', 'data/villages.csv'])).toBe('2019-07-15');
  });

  it('derives each record: first appeared, each change, removed with its last content, re-added', () => {
    const h = available();
    const one = timelineOf(h, 'problems', 'GS-2019-001')!;
    expect(one.firstSeen.id).toBe(ids.add);
    expect(one.events.map((e) => [e.kind, e.commit.date.slice(0, 10)])).toEqual([
      ['added', '2019-01-10'],
      ['changed', '2019-03-02'],
      ['changed', '2019-06-02'],
      ['removed', '2019-08-01'],
    ]);
    // A renamed key is a removal and an addition.
    expect(one.removed).toMatchObject({ commit: { id: ids.rename }, last: { id: 'GS-2019-001', status: '已整改', responsible: '镇环保办' } });
    expect(timelineOf(h, 'problems', 'GS-2019-101')).toMatchObject({ firstSeen: { id: ids.rename }, events: [{ kind: 'added' }] });
    const two = timelineOf(h, 'problems', ['GS-2019-002'])!;
    expect(two.events.map((e) => [e.kind, e.commit.subject])).toEqual([
      ['added', '首次公开问题清单'],
      ['removed', '删除 GS-2019-002'],
      ['added', '恢复 GS-2019-002'],
    ]);
    expect(two.events[1]).toMatchObject({ last: { title: '露天焚烧', status: '待整改' } });
    expect(two.removed).toBeUndefined(); // present again
    expect(two.firstSeen.id).toBe(ids.add);
  });

  it('caches diffs by blob pair: a second read reads no version, a new commit reads only its own', async () => {
    expect(stats.cacheMisses).toBeGreaterThan(8);
    expect(stats.blobsRead).toBeLessThanOrEqual(stats.cacheMisses * 2);
    const warm: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
    const again = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: cache }, warm);
    expect(warm).toEqual({ blobsRead: 0, cacheHits: stats.cacheMisses + stats.cacheHits, cacheMisses: 0 });
    expect(again).toEqual(history);
    repo.commit({ 'data/villages.csv': `${V}xishe,西社区,村\n` }, '2019-09-01T10:00:00+08:00', '西社区改为村');
    const next: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
    const after = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: cache }, next);
    expect(next.cacheMisses).toBe(1);
    expect(next.blobsRead).toBe(2);
    expect(after.available && after.commits.at(-1)!.tables[0]!.changed).toEqual([{ key: ['xishe'], fields: [{ column: 'kind', from: '社区', to: '村' }] }]);
    // Without a cache the result is the same.
    const uncached = await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: false });
    expect(uncached).toEqual(after);
  });
});

describe('readDataHistory without usable history', () => {
  it('says a shallow clone has no complete history', async () => {
    const target = mkdtempSync(join(tmpdir(), 'gushan-shallow-'));
    repo.git(['clone', '-q', '--depth', '1', `file://${repo.dir}`, join(target, 'c')]);
    const h = await readDataHistory({ dataDir: join(target, 'c', 'data'), cacheDir: false });
    rmSync(target, { recursive: true, force: true });
    expect(h).toEqual({ available: false, reason: expect.stringContaining('浅克隆') });
  });

  it('says a folder outside any repository, a missing folder and a missing git have none', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'gushan-plain-'));
    expect(await readDataHistory({ dataDir: plain, cacheDir: false })).toEqual({ available: false, reason: expect.stringContaining('不在 git 仓库中') });
    expect(await readDataHistory({ dataDir: join(plain, 'nope'), cacheDir: false })).toEqual({ available: false, reason: expect.stringContaining('不存在') });
    expect(await readDataHistory({ dataDir: join(repo.dir, 'data'), cacheDir: false, git: join(plain, 'no-git') })).toEqual({
      available: false,
      reason: '没有安装 git，读不到数据的修改历史',
    });
    rmSync(plain, { recursive: true, force: true });
  });

  it('says a repository without commits has none', async () => {
    const empty = tempRepo('gushan-empty-');
    expect(await readDataHistory({ dataDir: empty.dir, cacheDir: false })).toEqual({ available: false, reason: '仓库还没有任何提交，没有修改历史' });
    empty.remove();
  });
});

describe('the synthetic history of the benchmark (npm run bench -- --history-read N)', () => {
  it('is a repository of the data set then N commits of a few rows, which the reader reads whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-bench-history-'));
    makeHistory(FIXTURE, join(dir, 'repo'), 10);
    appendCommit(join(dir, 'repo'));
    const h = await readDataHistory({ dataDir: join(dir, 'repo', 'data'), cacheDir: false });
    rmSync(dir, { recursive: true, force: true });
    if (!h.available) throw new Error(h.reason);
    expect(h.commits).toHaveLength(12);
    expect(h.commits[0]!.subject).toBe('首次公开数据');
    const later = h.commits.slice(1).flatMap((c) => c.tables);
    expect(later.every((t) => ['problems', 'enterprises'].includes(t.table))).toBe(true);
    expect(later.filter((t) => t.table === 'problems').every((t) => t.changed.length + t.added.length > 0)).toBe(true);
    expect(h.commits[10]!.tables.find((t) => t.table === 'problems')!.added).toEqual(['GS-2025-001']);
  }, 120_000);
});
