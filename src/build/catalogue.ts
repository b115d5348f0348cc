/**
 * Everything the data catalogue, the downloads and datapackage.json need about each table,
 * from the validated data set (src/data.ts computes it once per build). The bytes are those the
 * validator read, so each file is read once.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ColumnMeta } from '../schemas/columns.ts';
import { DATA_TABLES, DATA_TABLE_NAMES, type DataTableName } from '../schemas/index.ts';
import type { Dataset } from '../schemas/datasets.ts';
import { columnMetaOf, columnNames, type AnyTable } from '../schemas/table.ts';
import { lastChange, lastCommitDay } from './history/data-history.ts';
import { buildDate } from './config.ts';
import { freshness, type Freshness } from '../lib/freshness.ts';
import { datasetDirs } from './read-dataset.ts';
import type { ValidationResult } from '../lib/validation/validate.ts';

export interface CatalogueEntry {
  name: DataTableName;
  def: AnyTable;
  meta: Dataset | undefined;
  columns: Array<{ name: string } & ColumnMeta>;
  bytes: Buffer;
  sha256: string;
  rows: ReadonlyArray<Record<string, unknown>>;
  /** Day the file last changed; undefined when not known (a shallow clone: src/build/history/data-history.ts lastChange). */
  lastChange: string | undefined;
  /**
   * Whether it is updated as often as datasets.csv says, as of the build date, from the day of
   * its last commit only (src/lib/freshness.ts); undefined without a row in datasets.csv.
   */
  freshness: Freshness | undefined;
}

export function catalogue(result: ValidationResult): CatalogueEntry[] {
  const { dataDir } = datasetDirs();
  const metaRows = (result.tables.get('datasets')?.rows ?? []).map((r) => r.record as Dataset);
  return DATA_TABLE_NAMES.map((name) => {
    const def: AnyTable = DATA_TABLES[name];
    const path = join(dataDir, `${name}.csv`);
    const meta = metaRows.find((m) => m.table === name);
    // A view of the bytes the validator read, not a copy (a table of data/ is held once for the whole build).
    const read = result.tables.get(name)?.bytes ?? new Uint8Array();
    const bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    return {
      name,
      def,
      meta,
      columns: columnNames(def).map((c) => ({ name: c, ...columnMetaOf(def, c)! })),
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      rows: (result.tables.get(name)?.rows ?? []).map((r) => r.record),
      lastChange: lastChange(path),
      freshness: meta && freshness(meta.update_frequency, lastCommitDay(path), buildDate()),
    };
  });
}
