/**
 * Published tables, declared once. Every table the site publishes as data — a table of data/, or
 * one derived from them (the scoreboard, a rating period, one indicator's observations) — is a
 * `PublishedTable`: its columns (name, title, description, Table Schema type, and how the CSV for
 * Excel writes them), its records and its plain CSV. Every format is derived from it: the plain
 * CSV, the CSV for Excel (through the one encoder, excel-csv.ts), the JSON records, the column
 * kinds the browser's "下载这些行" is given, and its datapackage.json entry (datapackage.ts).
 * Browser-safe: reading files and hashing are src/build's.
 */
import type { FieldType } from '../../schemas/columns.ts';
import type { Dataset } from '../../schemas/datasets.ts';
import { columnMetaOf, columnNames, columnTitle, type AnyTable, type ForeignKey } from '../../schemas/table.ts';
import { jsonRecordPieces, toCsv, type DownloadContent } from './downloads.ts';
import { excelColumn, excelCsvPieces, type ExcelColumn, type ExcelColumns } from './excel-csv.ts';

export interface PublishedColumn {
  name: string;
  title: string;
  description: string;
  /** Its Table Schema type. */
  type: FieldType;
  /**
   * How the CSV for Excel writes it: a plain number stays a number in a 'number' column, a
   * YYYY-MM-DD stays a date in a 'date' column, everything else is kept as text.
   */
  excel: ExcelColumn;
}

/** What datapackage.json says of a derived table besides its columns. */
export interface DerivedPackageEntry {
  kind: 'derived';
  title: string;
  description: string;
  primaryKey: readonly string[];
  foreignKeys: readonly ForeignKey[];
  /** The files it is computed from. */
  sources: readonly string[];
}

/** What datapackage.json says of a table of data/ besides its columns: all of it from its schema and its datasets.csv row. */
export interface SourcePackageEntry {
  kind: 'source';
  def: AnyTable;
  meta: Dataset | undefined;
  /** Day the file last changed; undefined when not known (then no lastModified). */
  lastChange: string | undefined;
}

export type PackageEntry = SourcePackageEntry | DerivedPackageEntry;

/** A derived table as declared: everything but its records. */
export interface DerivedTable {
  /** File name without extension (/data/<name>.csv for a table in the package). */
  name: string;
  columns: readonly PublishedColumn[];
  /** Its entry in datapackage.json; none for a download outside /data/ (one period's, one indicator's). */
  package?: DerivedPackageEntry;
}

export interface PublishedTable {
  name: string;
  columns: readonly PublishedColumn[];
  records: ReadonlyArray<Record<string, unknown>>;
  /** The plain CSV: a source table's file as git holds it, a derived table's records written by `toCsv`. */
  csv: Uint8Array;
  package?: PackageEntry;
}

/** A column of a derived table; its kind in the CSV for Excel follows its type unless given. */
export function column(c: Omit<PublishedColumn, 'excel'> & { excel?: ExcelColumn }): PublishedColumn {
  return { name: c.name, title: c.title, description: c.description, type: c.type, excel: c.excel ?? excelColumn(c.type) };
}

/** A column of a table of data/, as its schema describes it (also when a derived table repeats it). */
export function columnOf(def: AnyTable, name: string): PublishedColumn {
  const meta = columnMetaOf(def, name);
  if (!meta) throw new Error(`${def.name} has no column ${name}`);
  return column({ name, title: columnTitle(def, name), description: meta.description, type: meta.type });
}

/** Some columns of a list, by name, in the order given. */
export function pickColumns(columns: readonly PublishedColumn[], names: readonly string[]): PublishedColumn[] {
  return names.map((n) => {
    const c = columns.find((x) => x.name === n);
    if (!c) throw new Error(`no column ${n}`);
    return c;
  });
}

/** A table of data/: its columns from its schema, its bytes as git holds them. */
export function sourceTable(
  def: AnyTable,
  records: ReadonlyArray<Record<string, unknown>>,
  bytes: Uint8Array,
  pkg: Omit<SourcePackageEntry, 'kind' | 'def'>,
): PublishedTable {
  return { name: def.name, columns: columnNames(def).map((n) => columnOf(def, n)), records, csv: bytes, package: { kind: 'source', def, ...pkg } };
}

/** A derived table with its records; its plain CSV is written from them. */
export function derivedTable(decl: DerivedTable, records: ReadonlyArray<Record<string, unknown>>): PublishedTable {
  const csv = new TextEncoder().encode(toCsv(names(decl), records));
  return { name: decl.name, columns: decl.columns, records, csv, ...(decl.package ? { package: decl.package } : {}) };
}

/** The column names, in order: the CSV header, the JSON keys and the package's fields. */
export function names(t: Pick<PublishedTable, 'columns'>): string[] {
  return t.columns.map((c) => c.name);
}

/** Each column's kind for the CSV for Excel (also handed to the browser's "下载这些行"). */
export function excelKinds(t: Pick<PublishedTable, 'columns'>): ExcelColumns {
  return Object.fromEntries(t.columns.map((c) => [c.name, c.excel]));
}

/** The plain CSV: a table of data/ as git holds it, a derived table as toCsv wrote it. */
export function plainCsvContent(t: Pick<PublishedTable, 'csv'>): DownloadContent {
  return { kind: 'bytes', bytes: t.csv };
}

/** The CSV for Excel: the plain CSV re-encoded cell by cell, as the browser's "下载这些行" does. */
export function excelCsvContent(t: Pick<PublishedTable, 'columns' | 'csv'>): DownloadContent {
  return { kind: 'excel-csv', csv: t.csv, columns: excelKinds(t) };
}

/** Typed records: numbers as numbers, lists as arrays, empty cells as null. */
export function jsonContent(t: Pick<PublishedTable, 'columns' | 'records'>): DownloadContent {
  return { kind: 'json', columns: names(t), records: t.records };
}

/** The CSV for Excel in UTF-8 pieces (what downloadPieces writes of excelCsvContent). */
export function excelCsv(t: Pick<PublishedTable, 'columns' | 'csv'>): Uint8Array[] {
  return excelCsvPieces(t.csv, excelKinds(t));
}

/** The JSON records in pieces of text (what downloadPieces writes of jsonContent). */
export function jsonRecords(t: Pick<PublishedTable, 'columns' | 'records'>): Generator<string> {
  return jsonRecordPieces(names(t), t.records);
}
