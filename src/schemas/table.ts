import type { z } from 'astro/zod';
import type { IssueCodeId } from '../lib/validation/issues.ts';
import { columnMeta, type ColumnMeta } from './columns.ts';

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

/**
 * Any table, whatever its schema: what the validator, catalogue and data package need.
 * (zod object types are invariant in their shape, so a TableDef of one table is not a
 * TableDef of another; this structural view is what they have in common.)
 */
export interface AnyTable {
  name: string;
  schema: { shape: Record<string, z.ZodType> };
  primaryKey: readonly string[];
  foreignKeys: readonly ForeignKey[];
  rules?(row: Record<string, unknown>): RuleIssue[];
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  /** File name without .csv; also the collection name and the download name. */
  name: string;
  schema: S;
  primaryKey: readonly (keyof S['shape'] & string)[];
  foreignKeys: readonly ForeignKey[];
  /**
   * Rules across the cells of one row, run when every cell of the row is valid. (Method
   * syntax on purpose: it lets a table of any schema be used where a TableDef is expected.)
   */
  rules?(row: z.output<S>): RuleIssue[];
}

export function defineTable<S extends z.ZodObject>(def: TableDef<S>): TableDef<S> {
  return def;
}

/** Column names of a table, in the order of its schema (the order of the CSV header). */
export function columnNames(def: AnyTable): string[] {
  return Object.keys(def.schema.shape);
}

/**
 * The Chinese title of a column of a table (its name when the schema does not know it): the
 * title /data/ and datapackage.json publish, and the label pages show over the column.
 */
export function columnTitle(def: AnyTable, column: string): string {
  const s = def.schema.shape[column];
  return s ? columnMeta(s).title : column;
}

/** Everything the schema says of a column (type, title, description, constraints); undefined for a column the table does not have. */
export function columnMetaOf(def: AnyTable, column: string): ColumnMeta | undefined {
  const s = def.schema.shape[column];
  return s ? columnMeta(s) : undefined;
}
