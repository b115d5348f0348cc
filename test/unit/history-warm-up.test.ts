/**
 * The history's versions compared on a thread of their own while the data is checked
 * (src/build/history/warm-up.ts): afterwards the history is read from the cache alone, and is the
 * same history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataHistory, type HistoryStats } from '../../src/build/history/data-history.ts';
import { historyWarmedUp, startHistoryWarmUp } from '../../src/build/history/warm-up.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';

const V = 'id,name,kind\n';
let repo: TempRepo;
let cache: string;
const before = process.env.HISTORY_CACHE_DIR;

beforeAll(() => {
  repo = tempRepo();
  cache = mkdtempSync(join(tmpdir(), 'gushan-warm-up-cache-'));
  // The thread reads the cache's folder where the build does: config(), from the environment it starts with.
  process.env.HISTORY_CACHE_DIR = cache;
  repo.commit({ 'data/villages.csv': `${V}dongcun,东村,村\n` }, '2020-01-10T09:00:00+08:00', '首次公开');
  repo.commit({ 'data/villages.csv': `${V}dongcun,东村,村\nxishe,西社区,社区\n` }, '2020-02-10T09:00:00+08:00', '新增西社区');
  repo.commit({ 'data/villages.csv': `${V}xishe,西社区,村\n` }, '2020-03-10T09:00:00+08:00', '删去东村，西社区改为村');
}, 60_000);

afterAll(() => {
  if (before === undefined) delete process.env.HISTORY_CACHE_DIR;
  else process.env.HISTORY_CACHE_DIR = before;
  repo.remove();
  rmSync(cache, { recursive: true, force: true });
});

describe('the history compared while the data is checked', () => {
  it('fills the diff cache on a thread, so that the history is then read without reading a version, and is the same', async () => {
    const dataDir = join(repo.dir, 'data');
    const warming = startHistoryWarmUp(dataDir);
    const r = await warming;
    expect(r.failed).toBeUndefined();
    expect(r).toMatchObject({ compared: 3, cached: 0 });
    await historyWarmedUp();
    const stats: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
    const read = await readDataHistory({ dataDir, cacheDir: cache }, stats);
    expect(stats).toEqual({ blobsRead: 0, cacheHits: 3, cacheMisses: 0 });
    expect(read).toEqual(await readDataHistory({ dataDir, cacheDir: false }));
    expect(read.available && read.commits.map((c) => c.subject)).toEqual(['首次公开', '新增西社区', '删去东村，西社区改为村']);
    // A second thread finds every pair compared.
    expect(await startHistoryWarmUp(dataDir)).toMatchObject({ compared: 0, cached: 3 });
  });

  it('gives a thread that cannot read the history as done, with nothing compared: the history is then read as before', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'gushan-warm-up-plain-'));
    try {
      const r = await startHistoryWarmUp(plain);
      expect(r).toMatchObject({ compared: 0, cached: 0 });
      expect(r?.failed).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
