/**
 * Record-level differences between two versions of a table's CSV file: the rows added,
 * removed and changed, by primary key, with each changed field old → new. Pure (no Node
 * APIs): the git history reader (src/build/history/data-history.ts) and `npm run diff` call it.
 *
 * It reads old versions that no longer validate and never throws:
 * - the bytes are decoded as the validator does (a BOM is not content), the header is
 *   mapped the same way (Chinese column titles → column names), cells are compared with
 *   their line breaks normalised (an Excel re-save with CRLF line ends changes nothing);
 * - a duplicated key keeps its first row (the others are named in `notes`); rows without a
 *   key are skipped (counted in `notes`); short rows read their missing cells as empty;
 * - a version that cannot be read by key at all (not UTF-8, empty, primary-key column
 *   missing) makes the diff `unreadable`, with a reason, and reports no rows: the history
 *   reader then compares the next readable version with the last readable one.
 *
 * Columns: a record is the map column → text of its version, an absent column being empty.
 * A column added to or removed from the header is reported once in `columns`, and a row's
 * field changes cover every column of either version: a new empty column changes no row, a
 * new column filled in reports "（空）→ value" on the rows that have a value. A renamed
 * column is therefore a removed and an added column.
 */
import { parseCsv, recordCells, recordTexts, textOfCodes } from '../validation/csv.ts';
import { decodeCsvBytes } from '../validation/encoding.ts';
import { detectDelimiter, headerWords, titleMap } from '../validation/fixes.ts';
import { columnMetaOf, columnNames, type AnyTable } from '../../schemas/table.ts';

/** One row of a version: its key values (in primary-key order) and its cells by column. */
export interface RecordRow {
  key: string[];
  values: Record<string, string>;
}

export interface FieldChange {
  column: string;
  from: string;
  to: string;
}

export interface ChangedRow {
  key: string[];
  fields: FieldChange[];
  /** The row as the new version has it. */
  values: Record<string, string>;
}

export interface TableDiff {
  table: string;
  /** In the order of the new file. */
  added: RecordRow[];
  /** In the order of the old file, with their last content. */
  removed: RecordRow[];
  /** In the order of the new file. */
  changed: ChangedRow[];
  /** Columns of the header added or removed (in header order). */
  columns: { added: string[]; removed: string[] };
  /** Set when a version cannot be compared by key; then no rows are reported. */
  unreadable?: { side: 'old' | 'new'; reason: string };
  /** What was read around (duplicated keys, rows without a key), in Chinese. */
  notes: string[];
}

/**
 * A version of a table read by key. Each record (the first row with its key), in file order, is
 * kept as its text (its physical lines, LF) and read into cells only when its values are asked
 * for (rowOf): a version of the ratings is over a million rows at P, and the history compares
 * the versions of a year two at a time. A version whose quotes do not balance is read whole
 * instead, as the validator reads it, and keeps each record as its row.
 */
export type Snapshot =
  | {
      ok: true;
      columns: string[];
      /** Each record by keyId: its text, or its row when the version was read whole. */
      records: Map<string, string | RecordRow>;
      notes: string[];
      /** The header's text ('' when read whole): two versions with the same header read the same text as the same values. */
      headerText: string;
      /** What reading a record's text needs: the delimiter, each column's cell, the key columns' cells. */
      delimiter: string;
      index: ReadonlyMap<string, number>;
      keyAt: readonly number[];
    }
  | { ok: false; reason: string };

/** A version of a file: its bytes, its text, or undefined when the file does not exist. */
export type Version = Uint8Array | string | undefined;

const SEP = '\u001f';
const SEP_CODE = SEP.charCodeAt(0);

/** The map key of a record's key values. */
export function keyId(key: readonly string[]): string {
  return key.join(SEP);
}

/** The key a keyId was made of. */
export function keyOfId(id: string): string[] {
  return id.split(SEP);
}

/**
 * A copy of a piece of a version's text that holds nothing else of it. A cell split out of a
 * record's text is a view of the whole decoded file (hundreds of megabytes at P), which a key
 * or value kept in the history would otherwise keep alive for the whole build.
 */
function own(piece: string): string {
  return piece.length === 0 ? '' : ` ${piece}`.slice(1);
}

/** Whether a row holds no value (a blank line, a row Excel leaves behind): the reader skips it. */
const isBlank = (cells: readonly string[]) => cells.every((c) => c === '');

/** The columns of a header (Chinese titles read as column names; a repeated or empty one ignored) and where each is. */
function headerIndex(def: AnyTable, header: readonly string[]): { columns: string[]; index: Map<string, number> } {
  const known = new Set(columnNames(def));
  const titles = titleMap(def);
  const columns: string[] = [];
  const index = new Map<string, number>();
  header.forEach((raw, k) => {
    const t = raw.trim();
    const name = known.has(t) ? t : (titles.get(t) ?? t);
    if (name === '' || index.has(name)) return;
    index.set(name, k);
    columns.push(name);
  });
  return { columns, index };
}

/** The text of a version as the diff reads it: decoded, BOM dropped, every line end LF; undefined when not UTF-8. */
function versionText(version: Uint8Array | string): string | undefined {
  let text: string;
  if (typeof version === 'string') text = version.replace(/^\ufeff/, '');
  else {
    const decoded = decodeCsvBytes(version);
    if (!decoded.ok) return undefined;
    text = decoded.text;
  }
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The line (1-based, in the file as written) on which the first row with this key starts in a
 * version; undefined when the version cannot be read or has no such row. For messages about
 * one row of an old version.
 */
export function keyLine(def: AnyTable, version: Version, key: readonly string[]): number | undefined {
  if (version === undefined) return undefined;
  const text = versionText(version);
  if (text === undefined) return undefined;
  const rows = parseCsv(text, detectDelimiter(text, headerWords(def))).rows;
  const header = rows[0];
  if (!header) return undefined;
  const { index } = headerIndex(def, header.cells);
  const at = def.primaryKey.map((c) => index.get(c));
  if (at.some((k) => k === undefined)) return undefined;
  const want = keyId(key);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (keyId(at.map((k) => (row.cells[k!] ?? '').trim())) === want) return row.line;
  }
  return undefined;
}

/** Reads one version of a table into records by primary key (an absent file is an empty table). */
export function readSnapshot(def: AnyTable, version: Version): Snapshot {
  if (version === undefined) return { ok: true, columns: [], records: new Map(), notes: [], headerText: '', delimiter: ',', index: new Map(), keyAt: [] };
  let text: string;
  if (typeof version === 'string') text = version.replace(/^\ufeff/, '');
  else {
    const decoded = decodeCsvBytes(version);
    if (!decoded.ok)
      return {
        ok: false,
        reason:
          decoded.encoding === 'gb18030'
            ? '文件是 GBK/GB18030 编码，不是 UTF-8'
            : decoded.encoding === 'utf-16'
              ? '文件是 UTF-16 编码，不是 UTF-8'
              : '文件不是 UTF-8 编码',
      };
    text = decoded.text;
  }
  // Line ends are not content: CRLF and CR read as LF, in quoted cells too.
  text = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text, headerWords(def));
  return readByRecord(def, text, delimiter) ?? readWhole(def, text, delimiter);
}

/** A snapshot's parts that come from its header; undefined for a header without every key column (the reason). */
function headerParts(def: AnyTable, header: readonly string[]) {
  const { columns, index } = headerIndex(def, header);
  const missing = def.primaryKey.filter((c) => !index.has(c));
  if (missing.length > 0) return { ok: false as const, reason: `缺少主键列 ${missing.join('、')}` };
  // A key column that may be empty (redactions.csv's `column`: empty for a whole record) is part of the key even when empty.
  return {
    ok: true as const,
    columns,
    index,
    keyAt: def.primaryKey.map((c) => index.get(c)!),
    mayBeEmpty: def.primaryKey.map((c) => !columnMetaOf(def, c)!.required),
  };
}

/**
 * Adds each record to `records` by its key, the first row of a key only; returns the notes on what
 * was read around. A record's keyId is built once from its key's code units: a string of its own
 * (the history keeps it for the whole build, as a commit's added record and a timeline's key),
 * of one byte a character when the key is Latin-1, as codes and periods are.
 */
class KeyedRecords<T> {
  readonly #codes: number[] = [];
  readonly records = new Map<string, T>();
  readonly #duplicates = new Set<string>();
  #keyless = 0;
  readonly #def: AnyTable;
  readonly #keyAt: readonly number[];
  readonly #mayBeEmpty: readonly boolean[];
  constructor(def: AnyTable, keyAt: readonly number[], mayBeEmpty: readonly boolean[]) {
    this.#def = def;
    this.#keyAt = keyAt;
    this.#mayBeEmpty = mayBeEmpty;
  }
  add(cells: readonly string[], record: (id: string) => T): void {
    const codes = this.#codes;
    codes.length = 0;
    for (let j = 0; j < this.#keyAt.length; j++) {
      const v = (cells[this.#keyAt[j]!] ?? '').trim();
      if (v === '' && !this.#mayBeEmpty[j]) {
        this.#keyless++;
        return;
      }
      if (j > 0) codes.push(SEP_CODE);
      for (let q = 0; q < v.length; q++) codes.push(v.charCodeAt(q));
    }
    const id = textOfCodes(codes);
    if (this.records.has(id)) this.#duplicates.add(keyOfId(id).join(' / '));
    else this.records.set(id, record(id));
  }
  notes(): string[] {
    const notes: string[] = [];
    if (this.#duplicates.size > 0) notes.push(`主键重复，只比较第一行：${[...this.#duplicates].join('、')}`);
    if (this.#keyless > 0) notes.push(`${this.#keyless} 行没有主键（${this.#def.primaryKey.join('、')}），没有比较`);
    return notes;
  }
}

/** Each record read on its own, kept as its text; undefined when one of them is broken (then the version is read whole). */
function readByRecord(def: AnyTable, text: string, delimiter: string): Snapshot | undefined {
  const texts = recordTexts(text);
  if (!texts) return undefined;
  let r = 0;
  let header: string[] | undefined;
  for (; r < texts.length && !header; r++) {
    const cells = recordCells(texts[r]!, delimiter);
    if (!cells) return undefined;
    if (!isBlank(cells)) header = cells;
  }
  if (!header) return { ok: false, reason: '文件是空的' };
  const headerText = texts[r - 1]!;
  const parts = headerParts(def, header);
  if (!parts.ok) {
    // Still read whole if a later record is broken: the reader recovers and may find another header.
    for (let k = r; k < texts.length; k++) if (!recordCells(texts[k]!, delimiter)) return undefined;
    return parts;
  }
  const keyed = new KeyedRecords<string>(def, parts.keyAt, parts.mayBeEmpty);
  for (; r < texts.length; r++) {
    const t = texts[r]!;
    const cells = recordCells(t, delimiter);
    if (!cells) return undefined;
    if (!isBlank(cells)) keyed.add(cells, () => t);
  }
  return { ok: true, columns: parts.columns, records: keyed.records, notes: keyed.notes(), headerText, delimiter, index: parts.index, keyAt: parts.keyAt };
}

/** The whole text read at once, recovering from broken quotes as the validator does; each record kept as its row. */
function readWhole(def: AnyTable, text: string, delimiter: string): Snapshot {
  const rows = parseCsv(text, delimiter).rows.map((r) => r.cells);
  const header = rows[0];
  if (!header) return { ok: false, reason: '文件是空的' };
  const parts = headerParts(def, header);
  if (!parts.ok) return parts;
  const keyed = new KeyedRecords<RecordRow>(def, parts.keyAt, parts.mayBeEmpty);
  for (const cells of rows.slice(1)) keyed.add(cells, (id) => ({ key: keyOfId(id), values: valuesOf(cells, parts.index) }));
  return { ok: true, columns: parts.columns, records: keyed.records, notes: keyed.notes(), headerText: '', delimiter, index: parts.index, keyAt: parts.keyAt };
}

function valuesOf(cells: readonly string[], index: ReadonlyMap<string, number>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, k] of index) values[name] = own(cells[k] ?? '');
  return values;
}

/** A record of a snapshot as a row, read from its text when it is kept as text; undefined when there is none with that keyId. */
export function rowOf(snap: Snapshot & { ok: true }, id: string): RecordRow | undefined {
  const entry = snap.records.get(id);
  if (entry === undefined || typeof entry !== 'string') return entry;
  // The text was read once already, whole and unbroken.
  const cells = recordCells(entry, snap.delimiter)!;
  return { key: snap.keyAt.map((k) => own((cells[k] ?? '').trim())), values: valuesOf(cells, snap.index) };
}

/** Every record of a snapshot as a row, in file order, with its keyId. */
export function* rowsOf(snap: Snapshot & { ok: true }): Generator<[string, RecordRow]> {
  for (const id of snap.records.keys()) yield [id, rowOf(snap, id)!];
}

/** Columns in the schema's order, then any others in the order they were met. */
function unionColumns(def: AnyTable, a: readonly string[], b: readonly string[]): string[] {
  const all = new Set([...a, ...b]);
  const schema = columnNames(def).filter((c) => all.has(c));
  const rest = [...all].filter((c) => !schema.includes(c));
  return [...schema, ...rest];
}

/** The differences between two snapshots of one table. */
export function diffSnapshots(def: AnyTable, before: Snapshot, after: Snapshot): TableDiff {
  const added: RecordRow[] = [];
  const diff = compare(def, before, after, (id) => {
    if (after.ok) added.push(rowOf(after, id)!);
  });
  return { ...diff, added };
}

/**
 * What the history keeps of a diff (src/lib/history/record-history.ts, compactChange): the added
 * records by keyId only, so that a first version of a million rows is not read into rows. The
 * keyId is the snapshot's own (a string of its own, not a view of the file's text), and the
 * history's timelines keep the same string as their map key: an added record costs the history
 * one reference here rather than an array of copied key values.
 */
export function diffKeys(def: AnyTable, before: Snapshot, after: Snapshot): Omit<TableDiff, 'added'> & { added: string[] } {
  const added: string[] = [];
  const diff = compare(def, before, after, (id) => {
    if (after.ok) added.push(id);
  });
  return { ...diff, added };
}

function compare(def: AnyTable, before: Snapshot, after: Snapshot, onAdded: (id: string, entry: string | RecordRow) => void): Omit<TableDiff, 'added'> {
  const diff: Omit<TableDiff, 'added'> = { table: def.name, removed: [], changed: [], columns: { added: [], removed: [] }, notes: [] };
  if (!before.ok || !after.ok) {
    diff.unreadable = !after.ok ? { side: 'new', reason: after.reason } : { side: 'old', reason: (before as { reason: string }).reason };
    return diff;
  }
  diff.notes.push(...after.notes);
  // A file that appears or disappears has no header change to report: its rows say it all.
  if (before.columns.length > 0 && after.columns.length > 0) {
    diff.columns.added = after.columns.filter((c) => !before.columns.includes(c));
    diff.columns.removed = before.columns.filter((c) => !after.columns.includes(c));
  }
  const columns = unionColumns(def, before.columns, after.columns);
  // The same text under the same header reads as the same values: not read at all.
  const sameHeader = before.headerText !== '' && before.headerText === after.headerText;
  for (const [id, now] of after.records) {
    const was = before.records.get(id);
    if (was === undefined) {
      onAdded(id, now);
      continue;
    }
    if (sameHeader && was === now) continue;
    const from = rowOf(before, id)!.values;
    const to = rowOf(after, id)!;
    const fields: FieldChange[] = [];
    for (const c of columns) {
      const a = from[c] ?? '';
      const b = to.values[c] ?? '';
      if (a !== b) fields.push({ column: c, from: a, to: b });
    }
    if (fields.length > 0) diff.changed.push({ key: to.key, fields, values: to.values });
  }
  for (const id of before.records.keys()) if (!after.records.has(id)) diff.removed.push(rowOf(before, id)!);
  return diff;
}

/** The differences between two versions of a table's file (bytes or text; undefined: no file). */
export function diffTable(def: AnyTable, before: Version, after: Version): TableDiff {
  return diffSnapshots(def, readSnapshot(def, before), readSnapshot(def, after));
}

/** Whether a diff reports anything about the records or the header. */
export function isEmptyDiff(d: TableDiff): boolean {
  return (
    d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0 && d.columns.added.length === 0 && d.columns.removed.length === 0 && !d.unreadable
  );
}
