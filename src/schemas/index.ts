/** The registry of tables: the order here is the order of the catalogue and the data package. */
import { villages } from './villages.ts';
import { indicators } from './indicators.ts';
import { observations } from './observations.ts';
import { problems } from './problems.ts';
import { enterprises } from './enterprises.ts';
import { creditRatings } from './credit-ratings.ts';
import { creditLevels } from './credit-levels.ts';
import { creditSchemes } from './credit-schemes.ts';
import { responses } from './responses.ts';
import { redactions } from './redactions.ts';
import { datasets, type DataTableName } from './datasets.ts';
import { columnTitle, type AnyTable, type RowOfTable } from './table.ts';

export const DATA_TABLES = {
  villages,
  indicators,
  observations,
  problems,
  enterprises,
  'credit-ratings': creditRatings,
  'credit-levels': creditLevels,
  'credit-schemes': creditSchemes,
  responses,
  redactions,
} as const satisfies Record<DataTableName, AnyTable>;

/** Every CSV file the validator reads: the data tables and their metadata table. */
export const ALL_TABLES: readonly AnyTable[] = [...Object.values(DATA_TABLES), datasets];

/** One row of a table, as the validator returns it: every column, an empty cell undefined. */
export type RowOf<N extends DataTableName> = RowOfTable<(typeof DATA_TABLES)[N]>;

/**
 * Some columns of a table's row, for code that needs only those: a RowOf<N> fits, and so does
 * a literal that leaves out a column that may be empty.
 */
export type PickRow<N extends DataTableName, K extends keyof RowOf<N>> = {
  [C in K as undefined extends RowOf<N>[C] ? never : C]: RowOf<N>[C];
} & {
  [C in K as undefined extends RowOf<N>[C] ? C : never]?: RowOf<N>[C];
};

export { datasets };
export { DATA_TABLE_NAMES, type DataTableName } from './datasets.ts';

/** The title of a column of a data table, by name (a misspelt column is a type error): what a page shows as the column's label. */
export function titleOf<N extends DataTableName>(table: N, column: keyof RowOf<N> & string): string {
  return columnTitle(DATA_TABLES[table], column);
}

/**
 * A table's name as readers see it ("问题清单" for problems), by file name: the one map of
 * table names, from the table definitions. A name no table has (an old file's) stays as it is.
 */
export function tableTitle(name: string): string {
  return ALL_TABLES.find((t) => t.name === name)?.title ?? name;
}
