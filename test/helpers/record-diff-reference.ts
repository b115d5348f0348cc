/**
 * The record diff as it was before records were kept as their text (commit 599af00 of
 * src/lib/history/record-diff.ts, which read every row of a version into a row object): kept
 * as the reference the lighter reader is checked against (test/unit/record-diff.test.ts).
 */
import { parseCsv, recordTexts } from '../../src/lib/validation/csv.ts';
import { decodeCsvBytes } from '../../src/lib/validation/encoding.ts';
import { detectDelimiter, headerWords, titleMap } from '../../src/lib/validation/fixes.ts';
import { columnMetaOf, columnNames, type AnyTable } from '../../src/schemas/table.ts';

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

export type Snapshot =
  | {
      ok: true;
      columns: string[];
      records: Map<string, RecordRow>;
      order: string[];
      notes: string[];
      /**
       * The text of each record (its physical lines) → its cells, and the header's text: let
       * the next version read only the records that changed, and keep the same RecordRow
       * objects for the others (which the diff then need not compare).
       */
      parsed?: Map<string, { cells: string[]; row?: RecordRow }>;
      headerText?: string;
    }
  | { ok: false; reason: string };

/** A version of a file: its bytes, its text, or undefined when the file does not exist. */
export type Version = Uint8Array | string | undefined;

const SEP = '\u001f';

/** The map key of a record's key values. */
export function keyId(key: readonly string[]): string {
  return key.join(SEP);
}

/** The key a keyId was made of. */
export function keyOfId(id: string): string[] {
  return id.split(SEP);
}

/**
 * The rows of a text as the CSV reader (src/lib/validation/csv.ts) reads them, blank rows left out. Each
 * record is read on its own, and one already read in `known` (the previous version) is not
 * read again; a record the reader finds broken, or unbalanced quotes, make it read the whole
 * text at once instead, with its recovery from broken quotes.
 */
function readRows(text: string, delimiter: string, known: ReadonlyMap<string, { cells: string[] }> | undefined): { rows: string[][]; texts?: string[] } {
  const all = recordTexts(text);
  if (all) {
    const rows: string[][] = [];
    const texts: string[] = [];
    let clean = true;
    for (const t of all) {
      let cells = known?.get(t)?.cells;
      if (!cells) {
        const r = parseCsv(t, delimiter);
        if (r.issues.length > 0 || r.rows.length > 1) {
          clean = false;
          break;
        }
        if (r.rows.length === 0) continue; // a blank row
        cells = r.rows[0]!.cells;
      }
      rows.push(cells);
      texts.push(t);
    }
    if (clean) return { rows, texts };
  }
  return { rows: parseCsv(text, delimiter).rows.map((r) => r.cells) };
}

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

/**
 * Reads one version of a table into records by primary key (an absent file is an empty table).
 * `previous`, the snapshot of an earlier version, only saves time: records whose text did not
 * change are not read again.
 */
export function readSnapshot(def: AnyTable, version: Version, previous?: Snapshot): Snapshot {
  if (version === undefined) return { ok: true, columns: [], records: new Map(), order: [], notes: [] };
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
  const before = previous?.ok ? previous : undefined;
  const { rows, texts } = readRows(text, delimiter, before?.parsed);
  const header = rows[0];
  if (!header) return { ok: false, reason: '文件是空的' };
  const { columns, index } = headerIndex(def, header);
  const missing = def.primaryKey.filter((c) => !index.has(c));
  if (missing.length > 0) return { ok: false, reason: `缺少主键列 ${missing.join('、')}` };
  const records = new Map<string, RecordRow>();
  const order: string[] = [];
  const duplicates = new Set<string>();
  const keyAt = def.primaryKey.map((c) => index.get(c)!);
  // A key column that may be empty (redactions.csv's `column`: empty for a whole record) is part of the key even when empty.
  const mayBeEmpty = def.primaryKey.map((c) => !columnMetaOf(def, c)!.required);
  const entries = [...index];
  const parsed = texts ? new Map<string, { cells: string[]; row?: RecordRow }>() : undefined;
  // The same header: a record with the same text is the same RecordRow.
  const sameHeader = texts !== undefined && before?.headerText === texts[0];
  let keyless = 0;
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const reuse = sameHeader ? before!.parsed!.get(texts![r]!)?.row : undefined;
    if (reuse && !records.has(keyId(reuse.key))) {
      const id = keyId(reuse.key);
      records.set(id, reuse);
      order.push(id);
      parsed!.set(texts![r]!, { cells, row: reuse });
      continue;
    }
    if (parsed && !parsed.has(texts![r]!)) parsed.set(texts![r]!, { cells });
    const key = keyAt.map((k) => (cells[k] ?? '').trim());
    if (key.some((v, i) => v === '' && !mayBeEmpty[i])) {
      keyless++;
      continue;
    }
    const id = keyId(key);
    if (records.has(id)) {
      duplicates.add(key.join(' / '));
      continue;
    }
    const values: Record<string, string> = {};
    for (const [name, k] of entries) values[name] = cells[k] ?? '';
    const row = { key, values };
    records.set(id, row);
    order.push(id);
    if (parsed) parsed.set(texts![r]!, { cells, row });
  }
  const notes: string[] = [];
  if (duplicates.size > 0) notes.push(`主键重复，只比较第一行：${[...duplicates].join('、')}`);
  if (keyless > 0) notes.push(`${keyless} 行没有主键（${def.primaryKey.join('、')}），没有比较`);
  const snap: Snapshot = { ok: true, columns, records, order, notes };
  if (parsed) {
    snap.parsed = parsed;
    snap.headerText = texts![0]!;
  }
  return snap;
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
  const diff: TableDiff = { table: def.name, added: [], removed: [], changed: [], columns: { added: [], removed: [] }, notes: [] };
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
  const sameColumns = before.columns.length === after.columns.length && before.columns.every((c, k) => c === after.columns[k]);
  for (const id of after.order) {
    const now = after.records.get(id)!;
    const was = before.records.get(id);
    if (!was) {
      diff.added.push(now);
      continue;
    }
    if (was === now && sameColumns) continue; // the same text under the same header (readSnapshot with previous)
    const fields: FieldChange[] = [];
    for (const c of columns) {
      const from = was.values[c] ?? '';
      const to = now.values[c] ?? '';
      if (from !== to) fields.push({ column: c, from, to });
    }
    if (fields.length > 0) diff.changed.push({ key: now.key, fields, values: now.values });
  }
  for (const id of before.order) if (!after.records.has(id)) diff.removed.push(before.records.get(id)!);
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
