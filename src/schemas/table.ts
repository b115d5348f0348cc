import type { IssueCodeId } from '../lib/validation/issues.ts';
import type { ColumnMeta } from './columns.ts';

export interface ForeignKey {
  /** Column of this table holding the reference. */
  column: string;
  /** Name of the referenced table (file name without .csv). */
  table: string;
  /** Key column of the referenced table. */
  tableColumn: string;
}

export interface RuleIssue {
  column: string;
  code: IssueCodeId;
  message: string;
  value?: string;
}

/** What a row rule may know beyond the row. */
export interface RuleContext {
  /** The day no date may pass (the build's date, or the editor's day in the checker); absent: not checked. */
  today?: string | undefined;
}

/** A table's columns by name, in the order of its CSV header; built with src/schemas/columns.ts. */
export type Columns = Readonly<Record<string, ColumnMeta>>;

/** What a valid cell of a column holds: the value its parser succeeds with. */
export type CellValue<C extends ColumnMeta> = Extract<ReturnType<C['parse']>, { ok: true }>['value'];

/** One row of a table with these columns, as the validator returns it: every column, an empty cell undefined. */
export type RowFrom<C extends Columns> = { -readonly [K in keyof C]: CellValue<C[K]> };

/** Any table, whatever its columns: what the validator, catalogue and data package need. */
export interface AnyTable {
  /** File name without .csv; also the download name. */
  name: string;
  /**
   * The table's name in Chinese, short, as readers see it wherever a table is named (the change
   * log and its feed, record histories, /data/): tableTitle() in src/schemas/index.ts.
   */
  title: string;
  columns: Columns;
  primaryKey: readonly string[];
  foreignKeys: readonly ForeignKey[];
  /**
   * Rules across the cells of one row, run when every cell of the row is valid. (Method syntax
   * on purpose: its parameter is compared both ways, so a TableDef's rules of its own row fit.)
   */
  rules?(row: Readonly<Record<string, unknown>>, context?: RuleContext): RuleIssue[];
}

/** A table as defined in src/schemas/<table>.ts: its keys and rules typed by its columns. */
export interface TableDef<C extends Columns> extends AnyTable {
  columns: C;
  primaryKey: readonly (keyof C & string)[];
  rules?(row: RowFrom<C>, context?: RuleContext): RuleIssue[];
}

/** One row of a table (see RowFrom). */
export type RowOfTable<D extends AnyTable> = RowFrom<D['columns']>;

export function defineTable<C extends Columns>(def: TableDef<C>): TableDef<C> {
  return def;
}

/** Column names of a table, in the order of its definition (the order of the CSV header). */
export function columnNames(def: AnyTable): string[] {
  return Object.keys(def.columns);
}

/** The metadata of a column of a table; undefined when the table has no such column (an old header's, a misspelt one). */
export function columnMetaOf(def: AnyTable, column: string): ColumnMeta | undefined {
  return Object.hasOwn(def.columns, column) ? def.columns[column] : undefined;
}

/**
 * The Chinese title of a column of a table (its name when the table does not know it): the
 * title /data/ and datapackage.json publish, and the label pages show over the column.
 */
export function columnTitle(def: AnyTable, column: string): string {
  return columnMetaOf(def, column)?.title ?? column;
}
