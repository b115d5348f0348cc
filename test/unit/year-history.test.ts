/**
 * The benchmark's year of monthly commits (scripts/year-history.ts) on a small generated data
 * set: twelve commits, every kind of change made, the same repository for the same seed, and
 * data the project's validator accepts at every commit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/generate-data.ts';
import { CHANGE_KINDS, YEAR_PLAN, changeSize, makeYearHistory, type YearCommit } from '../../scripts/year-history.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';
import { readDataHistory } from '../../src/build/history/data-history.ts';

const SMALL = { villages: 5, enterprises: 60, periods: 4, problems: 80, indicators: 6, observations: 3 };
let dir: string;
let commits: YearCommit[];

const git = (repo: string, ...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gushan-year-history-'));
  generate(join(dir, 'set'), SMALL, 3);
  commits = makeYearHistory(join(dir, 'set'), join(dir, 'repo'), 5).commits;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a year of monthly commits', () => {
  it('is twelve commits, one a month through 2021, the first publishing the data set', () => {
    const log = git(join(dir, 'repo'), 'log', '--reverse', '--format=%ad %s', '--date=short').split('\n');
    expect(log).toHaveLength(12);
    expect(log.map((l) => l.slice(0, 10))).toEqual(Array.from({ length: 12 }, (_, m) => `2021-${String(m + 1).padStart(2, '0')}-15`));
    expect(log[0]).toBe('2021-01-15 首次公开数据');
    expect(log[2]).toMatch(/^2021-03-15 2021年3月更新：新评价期评价结果 60 条$/);
    expect(git(join(dir, 'repo'), 'ls-files', 'content')).toContain('content/plan/');
  });

  it('makes every kind of change, each touching rows', () => {
    for (const kind of CHANGE_KINDS) {
      const made = commits.filter((c) => (c.changes[kind] ?? 0) > 0);
      expect(made.length, kind).toBeGreaterThan(0);
    }
  });

  it('is read by the history reader as twelve commits, with removed, added and renamed records', async () => {
    const h = await readDataHistory({ dataDir: join(dir, 'repo', 'data'), cacheDir: false });
    if (!h.available) throw new Error(h.reason);
    expect(h.commits).toHaveLength(12);
    const tables = h.commits.slice(1).flatMap((c) => c.tables);
    const of = (table: string) => tables.filter((t) => t.table === table);
    expect(of('problems').some((t) => t.removed.length > 0)).toBe(true);
    expect(of('problems').some((t) => t.added.length > 0)).toBe(true);
    expect(of('enterprises').some((t) => t.removed.length > 0)).toBe(true);
    expect(of('enterprises').some((t) => t.changed.length > 0)).toBe(true);
    expect(of('credit-ratings').some((t) => t.added.length === SMALL.enterprises)).toBe(true);
    expect(of('observations').some((t) => t.changed.length > 0)).toBe(true);
  });

  it('is the same repository for the same seed', () => {
    const again = makeYearHistory(join(dir, 'set'), join(dir, 'again'), 5).commits;
    expect(again).toEqual(commits);
    expect(git(join(dir, 'again'), 'rev-parse', 'HEAD')).toBe(git(join(dir, 'repo'), 'rev-parse', 'HEAD'));
  });

  it('has data the validator accepts at every commit', () => {
    const repo = join(dir, 'repo');
    const shas = git(repo, 'log', '--reverse', '--format=%H').split('\n');
    for (const sha of shas) {
      git(repo, 'checkout', '-q', sha);
      const result = validateDirs({ dataDir: join(repo, 'data'), contentDir: join(repo, 'content'), today: '2026-01-15' });
      expect(
        result.issues.map((i) => `${i.file}:${i.line ?? ''} ${i.message}`),
        sha,
      ).toEqual([]);
    }
    git(repo, 'checkout', '-q', 'main');
  });

  it('grows each change with the data set', () => {
    const l = { problems: 10_000, enterprises: 20_000, observations: 4_000 };
    expect(changeSize('status', l)).toBe(100);
    expect(changeSize('add-problems', l)).toBe(50);
    expect(changeSize('rename-enterprises', l)).toBe(10);
    expect(changeSize('new-period', l)).toBe(20_000);
    expect(changeSize('status', { problems: 10, enterprises: 10, observations: 10 })).toBe(3);
    expect(YEAR_PLAN).toHaveLength(12);
  });
});
