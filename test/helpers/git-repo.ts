/** Temporary git repositories with commits at set dates, for the history tests and the bench. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Git with no user or system configuration (no signing, no hooks), a fixed identity and set dates. */
export function gitEnv(date?: string): Record<string, string> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: '测试编辑',
    GIT_AUTHOR_EMAIL: 'editor@example.org',
    GIT_COMMITTER_NAME: '测试编辑',
    GIT_COMMITTER_EMAIL: 'editor@example.org',
  };
  if (date) {
    env.GIT_AUTHOR_DATE = date;
    env.GIT_COMMITTER_DATE = date;
  }
  return env;
}

export function git(cwd: string, args: string[], date?: string): string {
  const r = spawnSync('git', args, { cwd, env: gitEnv(date), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

export interface TempRepo {
  dir: string;
  /** Writes (or, with null, deletes) files and commits them; returns the commit id. */
  commit(files: Record<string, string | Uint8Array | null>, date: string, subject: string): string;
  /**
   * Like commit, but the commit object is written by hand (`git hash-object --literally`), as a
   * hostile history could hold it: `when` is the raw "<seconds> <offset>" of the author and
   * committer lines (anything, even text git cannot read), `message` any bytes (a NUL, control
   * characters). Moves the branch to it; returns its id.
   */
  commitRaw(files: Record<string, string | Uint8Array | null>, when: string, message: string | Uint8Array): string;
  git(args: string[], date?: string): string;
  remove(): void;
}

export function tempRepo(prefix = 'gushan-history-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  git(dir, ['init', '-q', '-b', 'main']);
  const write = (files: Record<string, string | Uint8Array | null>) => {
    for (const [path, content] of Object.entries(files)) {
      const p = join(dir, path);
      if (content === null) rmSync(p, { force: true });
      else {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, content);
      }
    }
  };
  return {
    dir,
    commitRaw(files, when, message) {
      write(files);
      git(dir, ['add', '-A']);
      const tree = git(dir, ['write-tree']);
      const parent = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, env: gitEnv(), encoding: 'utf8' }).stdout.trim();
      const who = '测试编辑 <editor@example.org>';
      const header = `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author ${who} ${when}\ncommitter ${who} ${when}\n\n`;
      const body = Buffer.concat([Buffer.from(header), typeof message === 'string' ? Buffer.from(`${message}\n`) : Buffer.from(message)]);
      const r = spawnSync('git', ['hash-object', '-t', 'commit', '-w', '--literally', '--stdin'], { cwd: dir, env: gitEnv(), input: body, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`git hash-object: ${r.stderr}`);
      const id = r.stdout.trim();
      git(dir, ['update-ref', 'HEAD', id]);
      return id;
    },
    commit(files, date, subject) {
      write(files);
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '--allow-empty', '-m', subject], date);
      return git(dir, ['rev-parse', 'HEAD']);
    },
    git: (args, date) => git(dir, args, date),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
