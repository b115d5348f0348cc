/**
 * The day a data file last changed (src/build/history/data-history.ts lastChange) on repositories made
 * here: from the last commit of the first-parent history that touched it in a full clone (a merged
 * branch at its merge); not known (undefined, which pages show as
 * UPDATED_UNKNOWN) where a shallow clone cut that commit away, or where the commit's date is not
 * believable — never the date of the shallow clone's oldest commit.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastChange } from '../../src/build/history/data-history.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';

let repo: TempRepo;
let shallow: string;

beforeAll(() => {
  repo = tempRepo('gushan-file-history-');
  repo.commit({ 'data/a.csv': 'x\n1\n', 'data/b.csv': 'x\n1\n', 'data/c.csv': 'x\n1\n', 'data/d.csv': 'x\n1\n' }, '2019-03-01T10:00:00+08:00', '首次公开');
  repo.commit({ 'data/d.csv': 'x\n2\n' }, '@1 +0000', '1970 年的提交');
  repo.commit({ 'data/b.csv': 'x\n2\n' }, '2020-04-01T10:00:00+08:00', '改 b');
  repo.commit({ 'data/c.csv': 'x\n2\n' }, '2021-05-01T10:00:00+08:00', '改 c');
  shallow = mkdtempSync(join(tmpdir(), 'gushan-file-history-shallow-'));
  repo.git(['clone', '-q', '--depth', '2', `file://${repo.dir}`, join(shallow, 'c')]);
  // A branch whose commit is older than its merge (after the clone, which ends at 改 c).
  repo.git(['checkout', '-q', '-b', 'edit']);
  repo.commit({ 'data/e.csv': 'x\n1\n' }, '2021-06-01T10:00:00+08:00', '分支：新增 e');
  repo.git(['checkout', '-q', 'main']);
  repo.git(['merge', '-q', '--no-ff', '-m', '合并：新增 e', 'edit'], '2021-07-01T10:00:00+08:00');
}, 60_000);

afterAll(() => {
  repo?.remove();
  if (shallow) rmSync(shallow, { recursive: true, force: true });
});

describe('lastChange', () => {
  it('is the day of the last commit that touched the file, in a full clone', () => {
    expect(['a', 'b', 'c'].map((f) => lastChange(join(repo.dir, 'data', `${f}.csv`)))).toEqual(['2019-03-01', '2020-04-01', '2021-05-01']);
  });

  it('is the day of the merge for a file changed on a merged branch, not of the older commit on the branch', () => {
    expect(lastChange(join(repo.dir, 'data', 'e.csv'))).toBe('2021-07-01');
  });

  it('is not known for a commit dated 1970', () => {
    expect(lastChange(join(repo.dir, 'data', 'd.csv'))).toBeUndefined();
  });

  it('asks git once per folder, however many of its files are asked about', () => {
    // A git that notes each command before it runs: every file of a clone of the repository, asked in turn.
    const dir = mkdtempSync(join(tmpdir(), 'gushan-file-history-count-'));
    try {
      const calls = join(dir, 'calls');
      const git = join(dir, 'git');
      writeFileSync(git, `#!/bin/sh\necho "$1" >> '${calls}'\nexec git "$@"\n`);
      chmodSync(git, 0o755);
      repo.git(['clone', '-q', `file://${repo.dir}`, join(dir, 'c')]);
      const days = ['a', 'b', 'c', 'd', 'e'].map((f) => lastChange(join(dir, 'c', 'data', `${f}.csv`), git));
      expect(days).toEqual(['2019-03-01', '2020-04-01', '2021-05-01', undefined, '2021-07-01']);
      expect(
        readFileSync(calls, 'utf8')
          .split('\n')
          .filter((c) => c === 'log' || c === '-c'),
      ).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not known in a shallow clone for files last changed at or before its oldest commit, and right for the others', () => {
    const at = (f: string) => lastChange(join(shallow, 'c', 'data', `${f}.csv`));
    // The clone's oldest commit (b's, 2020-04-01) "adds" every file: a.csv used to read 2020-04-01.
    expect([at('a'), at('b'), at('c')]).toEqual([undefined, undefined, '2021-05-01']);
  });
});
