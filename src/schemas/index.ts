/** The registry of tables: the order here is the order of the catalogue and the data package. */
import type { z } from 'astro/zod';
import { villages } from './villages.ts';
import { indicators } from './indicators.ts';
import { observations } from './observations.ts';
import { problems } from './problems.ts';
import { enterprises } from './enterprises.ts';
import { creditRatings } from './credit-ratings.ts';
import { creditLevels } from './credit-levels.ts';
import { redactions } from './redactions.ts';
import { datasets, type DataTableName } from './datasets.ts';
import type { AnyTable } from './table.ts';

export const DATA_TABLES = {
  villages,
  indicators,
  observations,
  problems,
  enterprises,
  'credit-ratings': creditRatings,
  'credit-levels': creditLevels,
  redactions,
} as const satisfies Record<DataTableName, AnyTable>;

/** Every CSV file the validator reads: the data tables and their metadata table. */
export const ALL_TABLES: readonly AnyTable[] = [...Object.values(DATA_TABLES), datasets];

export type RowOf<N extends DataTableName> = z.output<(typeof DATA_TABLES)[N]['schema']>;

export { datasets };
export { DATA_TABLE_NAMES, type DataTableName } from './datasets.ts';
