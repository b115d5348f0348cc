/**
 * Writes the record index (src/lib/search/record-index.ts) into the built site, from the
 * validated rows of this build: current rows only, so nothing redactions.csv withholds can be
 * in it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RowOf } from '../../schemas/index.ts';
import type { ValidationResult } from '../../lib/validation/validate.ts';
import { buildRecordIndex, type RecordIndexInput } from '../../lib/search/record-index.ts';
import { outputFiles } from '../output-files.ts';
import { LIST_SECTIONS } from '../../lib/search/list-sections.ts';

/** The index's folder in the output (listed in BUILD_OUTPUT_NAMES, beside pagefind/). */
export const RECORD_INDEX_DIR = 'records-index';

/** What the index is built from: the rows of a validated data set. */
export function recordIndexInput(d: ValidationResult): RecordIndexInput {
  const rows = <T>(name: string) => (d.tables.get(name)?.rows ?? []).map((r) => r.record as T);
  return {
    problems: rows<RowOf<'problems'>>('problems'),
    enterprises: rows<RowOf<'enterprises'>>('enterprises'),
    ratings: rows<RowOf<'credit-ratings'>>('credit-ratings'),
    villages: rows<RowOf<'villages'>>('villages'),
    sections: LIST_SECTIONS,
    responses: rows<RowOf<'responses'>>('responses'),
  };
}

/**
 * Makes `<outDir>/records-index/` the index of these rows; gives the number of files and bytes of
 * the index, and how many files were written now. A shard whose content is already there is left
 * alone (so its compressed copies are kept too, src/build/hosting/compress.ts), and a file the
 * index no longer has is deleted: an incremental build keeps this folder (src/build/prune-output.ts),
 * and a one-row change touches a few shards of about 1,200.
 */
export function writeRecordIndex(outDir: string, input: RecordIndexInput): { files: number; bytes: number; written: number } {
  const dir = join(outDir, RECORD_INDEX_DIR);
  const files = buildRecordIndex(input);
  // A shard of an earlier build that the index no longer has. Only in a folder the index wrote (it holds its manifest),
  // so that a folder of that name left by someone else is never emptied.
  if (existsSync(join(dir, 'manifest.json'))) {
    for (const rel of outputFiles(dir)) {
      if (!files.has(rel) && !/\.(gz|br)$/.test(rel)) rmSync(join(dir, rel));
    }
  }
  let bytes = 0;
  let written = 0;
  for (const [path, text] of files) {
    const file = join(dir, path);
    const body = Buffer.from(text);
    bytes += body.length;
    if (sameContent(file, body)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    written++;
  }
  return { files: files.size, bytes, written };
}

function sameContent(file: string, body: Buffer): boolean {
  try {
    return statSync(file).size === body.length && readFileSync(file).equals(body);
  } catch {
    return false;
  }
}
