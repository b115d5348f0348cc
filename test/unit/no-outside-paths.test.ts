import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

const SELF = fileURLToPath(import.meta.url);
const NEEDLE = ['..', 'shared'].join('/');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    if (n === 'node_modules' || n === '.output' || n.startsWith('.')) return [];
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the repository is self-contained', () => {
  it(`reads nothing from ${NEEDLE} (outside the repository): a fresh clone must pass its own checks`, () => {
    const checked = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'test')), ...files(join(ROOT, 'scripts')), join(ROOT, 'README.md')].filter(
      (f) => f !== SELF,
    );
    expect(checked.length).toBeGreaterThan(50);
    const offenders = checked.filter((f) => readFileSync(f, 'utf8').includes(NEEDLE)).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
