/**
 * The patch operations of the broken fixtures (the format is described in fixtures.ts).
 * A CSV file is read into records that keep their original text: a record no operation
 * touches is written back byte for byte, so a patch changes exactly the cells it names.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A cell: its value (quoted on output when needed), raw text written as is, or raw bytes. */
export type Cell = string | { raw: string } | { hex: string };
/** A record: parsed cells (with the original text while untouched) or a raw line. */
type Rec = { cells: Cell[]; orig?: string } | { line: string };

export interface CsvModel {
  header: Cell[];
  rows: Rec[];
  trailingNewline: boolean;
}

/** Row reference: the value of the first column, or a map of column → value (e.g. a composite key). */
export type RowRef = string | number | Record<string, string | number>;

export type Op =
  | { set: { row: RowRef; column: string; value: string | number } }
  | { raw: { row: RowRef; column: string; text: string } }
  | { bytes: { row: RowRef; column: string; hex: string } }
  | { insert: { after?: RowRef; values: Record<string, string | number> } }
  | { insertLines: { after?: RowRef; lines: string[] } }
  | { delete: { row: RowRef } }
  | { renameColumn: { from: string; to: string } }
  | { removeColumn: string }
  | { duplicateColumn: string }
  | { addColumn: { name: string; values?: Record<string, string | number> } }
  | { replace: { find: string; with: string } };

export interface FilePatch {
  ops?: Op[];
  /** Replace the whole file with this text (file-empty: ""). */
  content?: string;
  /** Delete the file. */
  missing?: boolean;
  /** Write the file in this encoding (default utf-8). */
  encode?: 'utf-8' | 'gbk' | 'utf-16le';
  /** Start the file with a byte-order mark (in its encoding). */
  bom?: boolean;
  /** End records with CRLF instead of LF. */
  crlf?: boolean;
}

export interface Patch {
  about: string;
  files: Record<string, FilePatch>;
}

// ---------------------------------------------------------------------------------------- CSV

export function parseCsv(text: string): CsvModel {
  const records: { cells: string[]; orig: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) {
        cells.push(cell);
        break;
      }
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else {
          if (ch === '"') quoted = false;
          else cell += ch;
          i++;
        }
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
        cells.push(cell);
        break;
      } else {
        if (ch === '"') quoted = true;
        else if (ch === ',') {
          cells.push(cell);
          cell = '';
        } else cell += ch;
        i++;
      }
    }
    records.push({ cells, orig: text.slice(start, i) });
    i += text[i] === '\r' ? 2 : text[i] === '\n' ? 1 : 0;
  }
  const [header, ...rows] = records;
  if (!header) throw new Error('patch: the CSV file has no header');
  return { header: header.cells, rows, trailingNewline: /\n$/.test(text) };
}

function quote(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function cellText(c: Cell, hexes: string[]): string {
  if (typeof c === 'string') return quote(c);
  if ('raw' in c) return c.raw;
  hexes.push(c.hex);
  return `\u0000${hexes.length - 1}\u0000`;
}

/** Serialises the model; cells given as bytes become placeholders, returned with their hex. */
export function writeCsv(m: CsvModel, eol = '\n'): { text: string; hexes: string[] } {
  const hexes: string[] = [];
  const line = (r: Rec) => ('line' in r ? r.line : (r.orig ?? r.cells.map((c) => cellText(c, hexes)).join(',')));
  const text = [m.header.map((c) => cellText(c, hexes)).join(','), ...m.rows.map(line)].join(eol) + (m.trailingNewline ? eol : '');
  return { text, hexes };
}

const value = (c: Cell | undefined) => (typeof c === 'string' ? c : undefined);

function columnIndex(m: CsvModel, name: string): number {
  const k = m.header.findIndex((h) => value(h) === name);
  if (k < 0) throw new Error(`patch: no column “${name}” in the header`);
  return k;
}

/** Index in m.rows of the one row the reference names; -1 for 'header'. */
function rowIndex(m: CsvModel, ref: RowRef): number {
  if (ref === 'header') return -1;
  const want: Array<[number, string]> = typeof ref === 'object' ? Object.entries(ref).map(([c, v]) => [columnIndex(m, c), String(v)]) : [[0, String(ref)]];
  const hits = m.rows.flatMap((r, k) => ('cells' in r && want.every(([c, v]) => value(r.cells[c]) === v) ? [k] : []));
  if (hits.length !== 1) throw new Error(`patch: row ${JSON.stringify(ref)} matches ${hits.length} rows (need exactly one)`);
  return hits[0]!;
}

function touch(m: CsvModel, k: number): { cells: Cell[] } {
  const r = m.rows[k]!;
  if ('line' in r) throw new Error('patch: cannot address a raw line');
  delete r.orig;
  return r;
}

function setCell(m: CsvModel, ref: RowRef, column: string, c: Cell): void {
  const k = rowIndex(m, ref);
  const cells = k < 0 ? m.header : touch(m, k).cells;
  const col = columnIndex(m, column);
  cells[col] = c;
}

function eachRow(m: CsvModel, f: (cells: Cell[]) => void): void {
  f(m.header);
  m.rows.forEach((r, k) => {
    if ('cells' in r) f(touch(m, k).cells);
  });
}

function insertAt(m: CsvModel, after: RowRef | undefined, rec: Rec[]): void {
  const at = after === undefined ? m.rows.length : rowIndex(m, after) + 1;
  m.rows.splice(at, 0, ...rec);
}

export function applyCsvOp(m: CsvModel, op: Op): void {
  if ('set' in op) setCell(m, op.set.row, op.set.column, String(op.set.value));
  else if ('raw' in op) setCell(m, op.raw.row, op.raw.column, { raw: op.raw.text });
  else if ('bytes' in op) setCell(m, op.bytes.row, op.bytes.column, { hex: op.bytes.hex });
  else if ('insert' in op) {
    const { values } = op.insert;
    for (const c of Object.keys(values)) columnIndex(m, c);
    const cells = m.header.map((h) => String(values[value(h) ?? ''] ?? ''));
    insertAt(m, op.insert.after, [{ cells }]);
  } else if ('insertLines' in op)
    insertAt(
      m,
      op.insertLines.after,
      op.insertLines.lines.map((line) => ({ line })),
    );
  else if ('delete' in op) m.rows.splice(rowIndex(m, op.delete.row), 1);
  else if ('renameColumn' in op) m.header[columnIndex(m, op.renameColumn.from)] = op.renameColumn.to;
  else if ('removeColumn' in op) {
    const k = columnIndex(m, op.removeColumn);
    eachRow(m, (cells) => cells.splice(k, 1));
  } else if ('duplicateColumn' in op) {
    const k = columnIndex(m, op.duplicateColumn);
    eachRow(m, (cells) => cells.push(cells[k] ?? ''));
  } else if ('addColumn' in op) {
    const { name, values = {} } = op.addColumn;
    m.header.push(name);
    m.rows.forEach((r, k) => {
      if ('cells' in r) touch(m, k).cells.push(String(values[value(r.cells[0]) ?? ''] ?? ''));
    });
  } else throw new Error(`patch: ${Object.keys(op)[0]} is not an operation on a CSV file`);
}

// ----------------------------------------------------------------------------------- encoding

let gbkTable: Map<string, number[]> | undefined;
/** char → GBK bytes, read off the platform's own GBK decoder (no table is stored). */
function gbk(): Map<string, number[]> {
  if (gbkTable) return gbkTable;
  gbkTable = new Map();
  const dec = new TextDecoder('gbk', { fatal: true });
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      try {
        const ch = dec.decode(new Uint8Array([a, b]));
        if ([...ch].length === 1 && !gbkTable.has(ch) && ch !== '\ufffd') gbkTable.set(ch, [a, b]);
      } catch {
        /* not a GBK character */
      }
    }
  }
  return gbkTable;
}

export function encode(text: string, encoding: FilePatch['encode'] = 'utf-8', bom = false): Buffer {
  if (encoding === 'utf-8') return Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  if (bom) throw new Error('patch: GBK has no byte-order mark');
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = gbk().get(ch);
      if (!b) throw new Error(`patch: “${ch}” has no GBK encoding`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

// --------------------------------------------------------------------------------------- files

/** The bytes of one patched file, given its current bytes (undefined: the file is to be deleted). */
export function patchFile(path: string, before: Buffer | undefined, p: FilePatch): Buffer | undefined {
  if (p.missing) return undefined;
  let text = p.content ?? before?.toString('utf8');
  if (text === undefined) throw new Error(`patch: ${path} does not exist in the valid fixture`);
  const ops = p.ops ?? [];
  let hexes: string[] = [];
  if (path.endsWith('.csv') && (ops.length > 0 || p.crlf)) {
    const m = parseCsv(text);
    for (const op of ops) applyCsvOp(m, op);
    ({ text, hexes } = writeCsv(m, p.crlf ? '\r\n' : '\n'));
  } else {
    for (const op of ops) {
      if (!('replace' in op)) throw new Error(`patch: ${Object.keys(op)[0]} only applies to CSV files`);
      const n = text.split(op.replace.find).length - 1;
      if (n !== 1) throw new Error(`patch: “${op.replace.find}” occurs ${n} times in ${path} (need exactly once)`);
      text = text.replace(op.replace.find, () => op.replace.with);
    }
  }
  let out = encode(text, p.encode, p.bom);
  hexes.forEach((hex, k) => {
    const mark = encode(`\u0000${k}\u0000`, p.encode);
    const at = out.indexOf(mark);
    out = Buffer.concat([out.subarray(0, at), Buffer.from(hex, 'hex'), out.subarray(at + mark.length)]);
  });
  return out;
}

/** Applies a patch to the data set in `dir` (data/ and content/ inside), in place. */
export function applyPatch(dir: string, patch: Patch): void {
  for (const [path, p] of Object.entries(patch.files)) {
    const file = join(dir, path);
    const after = patchFile(path, existsSync(file) ? readFileSync(file) : undefined, p);
    if (after === undefined) rmSync(file);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, after);
    }
  }
}
