/**
 * Last change of a file: the day of the last commit that touched it, else (a file git does not
 * know, no git, not a repository) its modification time; undefined when git's answer cannot be
 * trusted. In a shallow clone the oldest commit present stands for all the history cut away
 * (git sees every file "added" there), so a file last changed at or before it has no known date;
 * a commit whose committer date is not believable (src/lib/history/history-screen.ts commitDate) gives
 * none either. Pages then say the date is not known (UPDATED_UNKNOWN) rather than a wrong one.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { commitDate } from '../../lib/history/history-screen.ts';
import { dayOf, isoDate } from '../../lib/dates.ts';

const cache = new Map<string, string | undefined>();

export function lastChange(path: string): string | undefined {
  if (cache.has(path)) return cache.get(path);
  const date = lookUp(path);
  cache.set(path, date);
  return date;
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The commits at the edge of a shallow clone (the file git keeps them in); empty for a full clone. */
const boundaries = new Map<string, Set<string>>();
function shallowBoundary(cwd: string): Set<string> {
  const file = resolve(cwd, git(cwd, ['rev-parse', '--git-path', 'shallow']).trim());
  let ids = boundaries.get(file);
  if (!ids) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      /* no such file: not shallow */
    }
    boundaries.set(file, (ids = new Set(text.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)))));
  }
  return ids;
}

function lookUp(path: string): string | undefined {
  const cwd = dirname(path);
  let out: string;
  try {
    out = git(cwd, ['log', '-1', '--format=%H %ct %cI', '--', path]).trim();
  } catch {
    out = ''; // not a git checkout, or git missing: the file time
  }
  const m = /^([0-9a-f]{40,64}) (\S*) (\S*)$/.exec(out);
  if (m) {
    if (shallowBoundary(cwd).has(m[1]!)) return undefined;
    const iso = commitDate(m[2]!, m[3]!);
    return iso === undefined ? undefined : dayOf(iso);
  }
  return isoDate(statSync(path).mtime);
}
