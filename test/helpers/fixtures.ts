/**
 * Broken fixtures are small patches over test/fixtures/valid: test/fixtures/broken/<name>.yaml
 * names the cells, rows and header columns it changes, never a copy of a file, so a column
 * added to a table touches the valid fixture only. materialise() writes valid + patch to
 * test/.output/fixtures/<name> so the validator and the build read real folders.
 *
 *   about: what the fixture breaks, in a sentence
 *   data/problems.csv:                     # a file of the data set: a list of operations …
 *     - set: {row: GS-2018-001, column: status, value: 已完成}
 *   data/villages.csv:                     # … or the file's options, with `ops:` for the list
 *     encode: gbk                          # write the patched file as gbk or utf-16le (default utf-8)
 *     bom: true                            # start it with a byte-order mark
 *     crlf: true                           # end records with CRLF
 *     ops: [...]
 *   data/observations.csv: {missing: true} # delete the file; {content: ''} replaces it whole
 *
 * Rows are named by the value of their first column (`row: dongcun`) or, where that is not
 * unique, by a map of columns (`row: {uscc: 91110000600037341L, period: 2019-H1}`); a reference
 * that matches no row or several is an error, so a patch never lands on the wrong row. CSV
 * operations (test/helpers/fixture-patch.ts):
 *   set:             {row, column, value}       a cell (quoted on output as needed)
 *   raw:             {row, column, text}        a cell's text written as is (stray or unclosed quotes)
 *   bytes:           {row, column, hex}         a cell's bytes, after encoding (invalid UTF-8)
 *   insert:          {after?, values}           a row, values by column name, the others empty;
 *                                               after a row (or `header`), else at the end
 *   insertLines:     {after?, lines}            raw lines (wrong cell counts)
 *   delete:          {row}
 *   renameColumn:    {from, to}                 the header cell
 *   removeColumn:    name                       the header cell and that cell of every row
 *   duplicateColumn: name                       appends a copy of the column (header and cells)
 *   addColumn:       {name, values?}            appends a column, values by first-column key
 * Text files (content/plan/*.md): `replace: {find, with}`, `find` occurring exactly once.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyPatch, type FilePatch, type Op, type Patch } from './fixture-patch.ts';
import { OUTPUT, ROOT } from './paths.ts';

export const FIXTURES = join(ROOT, 'test/fixtures');
export const VALID = join(FIXTURES, 'valid');
export const BROKEN = join(FIXTURES, 'broken');

export function brokenFixtures(): string[] {
  return readdirSync(BROKEN)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -'.yaml'.length))
    .sort();
}

/** Reads test/fixtures/broken/<name>.yaml. */
export function readPatch(name: string): Patch {
  const doc = parse(readFileSync(join(BROKEN, `${name}.yaml`), 'utf8')) as Record<string, unknown>;
  const { about, ...rest } = doc;
  if (typeof about !== 'string') throw new Error(`${name}.yaml: needs an “about:” sentence`);
  const files: Record<string, FilePatch> = {};
  for (const [path, v] of Object.entries(rest)) files[path] = Array.isArray(v) ? { ops: v as Op[] } : (v as FilePatch);
  return { about, files };
}

/** Writes valid + patch to a fresh folder and returns it (with data/ and content/ inside). */
export function materialise(name: string, base: string = VALID): string {
  const patch = readPatch(name);
  const out = join(OUTPUT, 'fixtures', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(base, out, { recursive: true });
  applyPatch(out, patch);
  return out;
}
