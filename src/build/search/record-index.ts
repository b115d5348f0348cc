/**
 * Writes the record index (src/lib/search/record-index.ts) into the built site, from the
 * validated rows of this build: current rows only, so nothing redactions.csv withholds can be
 * in it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RowOf } from '../../schemas/index.ts';
import type { ValidationResult } from '../../lib/validation/validate.ts';
import { buildRecordIndex, type RecordIndexInput } from '../../lib/search/record-index.ts';
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

/** Replaces `<outDir>/records-index/` with the index of these rows; gives the number of files and bytes written. */
export function writeRecordIndex(outDir: string, input: RecordIndexInput): { files: number; bytes: number } {
  const dir = join(outDir, RECORD_INDEX_DIR);
  // A folder left by an earlier build may hold shards this one does not write.
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const files = buildRecordIndex(input);
  for (const [path, text] of files) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: files.size, bytes };
}
