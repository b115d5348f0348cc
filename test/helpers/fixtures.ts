/**
 * Broken fixtures are small patches over test/fixtures/valid: test/fixtures/broken/<name>.yaml
 * names the cells, rows and header columns it changes, never a copy of a file, so a column
 * added to a table touches the valid fixture only. materialise() writes valid + patch to
 * test/.output/fixtures-<worker>/<name> (FIXTURES_OUTPUT) so the validator and the build read
 * real folders.
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
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import type { AnyTable } from '../../src/schemas/table.ts';
import { applyPatch, parseCsv, writeCsv, type FilePatch, type Op, type Patch } from './fixture-patch.ts';
import { FIXTURES_OUTPUT, ROOT } from './paths.ts';

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
  const out = join(FIXTURES_OUTPUT, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(base, out, { recursive: true });
  applyPatch(out, patch);
  return out;
}

// ------------------------------------------------------------------------------------ hostile

/** The payloads of the hostile fixture: script injection, attribute escape, bidi and zero-width characters, emoji. */
export const HOSTILE_PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=1</script>',
  '\u202eRTL\u202c零\u200b宽🏭💧',
] as const;
/**
 * Cell openings a spreadsheet would run as a formula (OWASP's list), from the third data row on;
 * also behind a zero-width space (which trimming keeps and a spreadsheet skips) and in full width.
 */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example/","点击")',
  "+cmd|' /C calc'!A0",
  '-1+1',
  '@SUM(1+1)*cmd|',
  '\u200B=HYPERLINK("http://evil.example/")',
  '＝1+1',
] as const;
/** A 10,000-character text. */
export const HOSTILE_LONG = '长文本'.repeat(3334).slice(0, 10000);

/** The free-text columns of a table: strings that are not enums, patterns, dates, codes or URLs. */
function textColumns(table: AnyTable): Array<{ name: string; accepts: (v: string) => boolean }> {
  return Object.entries(table.columns).flatMap(([name, m]) => {
    const free = m.type === 'string' && !m.enum && !m.pattern && !m.format;
    return free ? [{ name, accepts: (v: string) => m.parse(v).ok }] : [];
  });
}

/**
 * test/fixtures/valid with hostile text in every free-text column of every table (found from
 * the schemas, so a new column gets payloads too): in the first data row, a column that accepts
 * 10,000 characters holds HOSTILE_LONG; every other cell keeps its text and gains a payload,
 * taken in turn by row and column (the first, from that turn, the column's length allows); from
 * the third row on it also opens with a formula (FORMULA_PAYLOADS) and holds a tab.
 * The plan gains an emoji in its title and a paragraph of all payloads. Written to
 * test/.output/fixtures-<worker>/hostile; returns that folder (data/ and content/ inside).
 */
export function materialiseHostile(): string {
  const out = join(FIXTURES_OUTPUT, 'hostile');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(VALID, out, { recursive: true });
  const n = HOSTILE_PAYLOADS.length;
  for (const table of ALL_TABLES) {
    const file = join(out, 'data', `${table.name}.csv`);
    const m = parseCsv(readFileSync(file, 'utf8'));
    const cols = textColumns(table).map((c) => ({ ...c, k: m.header.indexOf(c.name) }));
    m.rows = m.rows.map((rec, r) => {
      if (!('cells' in rec)) return rec;
      const cells = [...rec.cells];
      cols.forEach(({ k, accepts }, c) => {
        const was = String(cells[k] ?? '');
        const payloads = HOSTILE_PAYLOADS.map((_, j) => was + HOSTILE_PAYLOADS[(r + c + j) % n]);
        // From the third row on, the cell also opens like a formula and holds a tab.
        const formulas = r >= 2 ? payloads.map((p) => `${FORMULA_PAYLOADS[(r + c) % FORMULA_PAYLOADS.length]}\t${p}`) : [];
        const tries = [...(r === 0 ? [HOSTILE_LONG] : []), ...formulas, ...payloads];
        cells[k] = tries.find(accepts) ?? was;
      });
      return { cells };
    });
    writeFileSync(file, writeCsv(m).text);
  }
  const plan = join(out, 'content/plan/mini.md');
  const text = readFileSync(plan, 'utf8').replace(/^title: (.*)$/m, (_, t: string) => `title: ${t}🏭💧`);
  writeFileSync(plan, `${text}\n附注：${HOSTILE_PAYLOADS.join('')}\n`);
  return out;
}
