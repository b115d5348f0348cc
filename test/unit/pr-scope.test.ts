import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitEnv, tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { ROOT } from '../helpers/paths.ts';
import { isContentPath, parseRawDiff, prPath } from '../../scripts/pr-scope.ts';

describe('the pull-request scope: an editor’s content or code', () => {
  it('counts data/, plain .md under content/ and the plan’s source texts as content', () => {
    for (const p of [
      'data/problems.csv',
      'data/问题 (1).csv',
      'content/plan/gushan-2017.md',
      'content/pages/about.md',
      'content/plan/sources/gushan-2017.txt',
      'content/plan/sources/README.md',
    ]) {
      expect(isContentPath(p), p).toBe(true);
    }
  });

  it('counts an .mdx page, anything else under content/ and everything outside data/ and content/ as code', () => {
    for (const p of [
      'content/pages/about.mdx',
      'content/pages/methodology.mdx',
      'content/pages/x.astro',
      'content/pages/x.js',
      'content/pages/x.MD',
      'content/x.mjs',
      'src/lib/validation/validate.ts',
      'astro.config.mjs',
      'package.json',
      '.github/workflows/deploy.yml',
      'database/x.csv',
      'contents/x.md',
    ]) {
      expect(isContentPath(p), p).toBe(false);
    }
    expect(prPath(['content/pages/about.md', 'content/pages/methodology.mdx'])).toBe('full');
    expect(prPath(['data/problems.csv', 'content/pages/about.md'])).toBe('data');
  });

  it('counts a symbolic link or a submodule as code, wherever it is', () => {
    expect(prPath([{ path: 'content/pages/about.md', modes: ['000000', '120000'] }])).toBe('full');
    expect(prPath([{ path: 'data/problems.csv', modes: ['100644', '160000'] }])).toBe('full');
    expect(prPath([{ path: 'data/problems.csv', modes: ['100644', '100644'] }])).toBe('data');
    expect(prPath([{ path: 'data/old.csv', modes: ['100644', '000000'] }])).toBe('data'); // deleted
  });

  it('reads git’s NUL-separated raw listing, Chinese names and all', () => {
    const out = ':100644 100644 aaaaaaa bbbbbbb M\0data/问题.csv\0:000000 120000 0000000 ccccccc A\0content/pages/a.md\0';
    expect(parseRawDiff(out)).toEqual([
      { path: 'data/问题.csv', modes: ['100644', '100644'] },
      { path: 'content/pages/a.md', modes: ['000000', '120000'] },
    ]);
    expect(parseRawDiff('')).toEqual([]);
  });
});

describe('node scripts/pr-scope.ts BASE on a branch', () => {
  const repos: TempRepo[] = [];
  afterAll(() => repos.forEach((r) => r.remove()));

  /** A repository with a main branch of data, content and code, and a pull-request branch made by `change`. */
  function scope(change: (repo: TempRepo) => void): { path: string; said: string } {
    const repo = tempRepo('gushan-pr-scope-');
    repos.push(repo);
    repo.commit(
      {
        'data/problems.csv': 'id\nGS-1\n',
        'content/pages/about.md': '---\ntitle: 关于\ndescription: 说明\n---\n\n正文\n',
        'src/lib/x.ts': 'export const x = 1;\n',
      },
      '2026-01-01T00:00:00+08:00',
      'base',
    );
    repo.git(['checkout', '-q', '-b', 'pr']);
    change(repo);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/pr-scope.ts'), 'main'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return { path: r.stdout.trim(), said: r.stderr.trim() };
  }

  it('takes the data path for a changed table and a plain Markdown page', () => {
    expect(
      scope((r) =>
        r.commit(
          { 'data/problems.csv': 'id\nGS-1\nGS-2\n', 'content/pages/about.md': '---\ntitle: 关于\ndescription: 说明\n---\n\n新的正文\n' },
          '2026-01-02T00:00:00+08:00',
          'edit',
        ),
      ).path,
    ).toBe('path=data');
  });

  it('takes the full path for an .mdx page, and names it', () => {
    const s = scope((r) => r.commit({ 'content/pages/new.mdx': '---\ntitle: 新\ndescription: 新\n---\n\n{1+1}\n' }, '2026-01-02T00:00:00+08:00', 'mdx'));
    expect(s.path).toBe('path=full');
    expect(s.said).toBe('改动了 1 个文件，包含代码：content/pages/new.mdx：运行全部测试');
  });

  it('takes the full path for code moved into data/ (a rename is a deletion in src/ and an addition)', () => {
    const s = scope((r) => {
      r.git(['mv', 'src/lib/x.ts', 'data/x.csv']);
      r.git(['commit', '-q', '-m', 'move'], '2026-01-02T00:00:00+08:00');
    });
    expect(s.path).toBe('path=full');
    expect(s.said).toContain('src/lib/x.ts');
  });

  it('takes the full path for a symbolic link named like a page', () => {
    const s = scope((r) => {
      symlinkSync('../../src/lib/x.ts', join(r.dir, 'content/pages/link.md'));
      r.git(['add', '-A']);
      r.git(['commit', '-q', '-m', 'link'], '2026-01-02T00:00:00+08:00');
    });
    expect(s.path).toBe('path=full');
  });
});
