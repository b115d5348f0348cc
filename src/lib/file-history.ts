/** Last change of a file: the date of the last commit that touched it, else its modification time. */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

const cache = new Map<string, string>();

export function lastChange(path: string): string {
  const known = cache.get(path);
  if (known) return known;
  const date = lookUp(path);
  cache.set(path, date);
  return date;
}

function lookUp(path: string): string {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cs', '--', path], { cwd: dirname(path), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(out)) return out;
  } catch {
    /* not a git checkout, or git missing: fall back to the file time */
  }
  return statSync(path).mtime.toISOString().slice(0, 10);
}
