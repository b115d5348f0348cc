/**
 * The tables a build checked, kept between incremental builds in Astro's cache folder (which the
 * deploy workflow keeps): a one-row change then checks the table it changed, and the others are
 * read back as they were (src/lib/validation/validate.ts, TableCache). A kept result is used only
 * for the same bytes, file, day and referenced columns, and the same code: the key holds a hash
 * of every source file under src/ and of package-lock.json, so any change to the validator, the
 * schemas or a dependency checks every table again. Only results without issues are kept; the
 * checks between tables run every time. At L, checking the tables was most of the two to three
 * seconds every build spent on the data (README, "Scale").
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { AnyTable } from '../schemas/table.ts';
import type { CachedTable, TableCache } from '../lib/validation/validate.ts';

/** Raised when what is kept changes its shape. */
const FORMAT = 1;

/** A hash of the code the checks run: every file under `root`/src and the lockfile; undefined when they cannot be read. */
export function codeVersion(root: string): string | undefined {
  const src = join(root, 'src');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(src) || !existsSync(lock)) return undefined;
  const hash = createHash('sha256').update(`${FORMAT}\n`);
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
      else if (e.isFile()) hash.update(`${rel}${e.name}\n`).update(readFileSync(join(dir, e.name)));
    }
  };
  walk(src, 'src/');
  hash.update(readFileSync(lock));
  return hash.digest('base64url');
}

interface Kept {
  key: string;
  result: CachedTable;
}

/** A TableCache in `dir` for code of `version` (codeVersion); `reused` lists the tables it gave back. */
export function validationCache(dir: string, version: string): TableCache & { reused: string[] } {
  const reused: string[] = [];
  const keyOf = (def: AnyTable, file: string, bytes: Uint8Array, today: string, referenced: readonly string[]) =>
    createHash('sha256')
      .update(JSON.stringify([version, def.name, file, today, referenced]))
      .update(bytes)
      .digest('base64url');
  const fileOf = (def: AnyTable) => join(dir, `${def.name}.v8`);
  return {
    reused,
    get(def, file, bytes, today, referenced) {
      try {
        const kept = deserialize(readFileSync(fileOf(def))) as Kept;
        if (kept.key !== keyOf(def, file, bytes, today, referenced)) return undefined;
        reused.push(def.name);
        return kept.result;
      } catch {
        // None kept, or unreadable (another Node's format, a partial write): checked again.
        return undefined;
      }
    },
    set(def, file, bytes, today, referenced, result) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${fileOf(def)}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize({ key: keyOf(def, file, bytes, today, referenced), result } satisfies Kept));
      renameSync(tmp, fileOf(def));
    },
  };
}
