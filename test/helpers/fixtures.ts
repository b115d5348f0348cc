/**
 * Broken fixtures are stored as overlays on test/fixtures/valid: each holds only the files it
 * changes (a file named `<name>.missing` deletes `<name>`). materialise() writes the complete
 * data set to test/.output so the validator and the build read real folders.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OUTPUT, ROOT } from './paths.ts';

export const FIXTURES = join(ROOT, 'test/fixtures');
export const VALID = join(FIXTURES, 'valid');
export const BROKEN = join(FIXTURES, 'broken');

export function brokenFixtures(): string[] {
  return readdirSync(BROKEN).filter((n) => statSync(join(BROKEN, n)).isDirectory()).sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Writes valid + overlay to a fresh folder and returns it (with data/ and content/ inside). */
export function materialise(name: string): string {
  const out = join(OUTPUT, 'fixtures', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(VALID, out, { recursive: true });
  const overlay = join(BROKEN, name);
  if (existsSync(overlay)) {
    for (const file of walk(overlay)) {
      const rel = relative(overlay, file);
      if (rel.endsWith('.missing')) rmSync(join(out, rel.slice(0, -'.missing'.length)), { force: true });
      else cpSync(file, join(out, rel));
    }
  }
  return out;
}
