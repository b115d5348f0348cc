/**
 * Astro content-layer loader for the CSV tables. All tables are validated together (keys and
 * references cross tables), once per change of the files; any problem fails the build with
 * the same Chinese messages `npm run validate` prints. Nothing is skipped or overwritten:
 * rows are stored under their primary key, which the validator has proved unique.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { formatIssue } from '../lib/issues.ts';
import { datasetDirsFromEnv, validateDirs } from '../lib/read-dataset.ts';
import type { ValidationResult } from '../lib/validate.ts';
import { ALL_TABLES } from '../schemas/index.ts';

let cache: { signature: string; result: ValidationResult } | undefined;

function signature(dataDir: string, contentDir: string): string {
  const parts = ALL_TABLES.map((t) => {
    try {
      const s = statSync(join(dataDir, `${t.name}.csv`));
      return `${t.name}:${s.mtimeMs}:${s.size}`;
    } catch {
      return `${t.name}:-`;
    }
  });
  try {
    parts.push(`plan:${statSync(join(contentDir, 'plan')).mtimeMs}`);
  } catch {
    parts.push('plan:-');
  }
  return parts.join('|');
}

export class DataValidationError extends Error {
  override name = 'DataValidationError';
}

/** The validated data set; throws a DataValidationError listing every problem. */
export function validatedDataset(): ValidationResult {
  const dirs = datasetDirsFromEnv();
  const sig = signature(dirs.dataDir, dirs.contentDir);
  if (!cache || cache.signature !== sig) cache = { signature: sig, result: validateDirs(dirs) };
  const { issues } = cache.result;
  if (issues.length > 0) {
    const list = issues.map((i) => `  ${formatIssue(i)} [${i.code}]`).join('\n');
    throw new DataValidationError(`数据检查发现 ${issues.length} 个问题，网站没有生成。请逐条修改后重试（也可以运行 npm run validate 只做检查）：\n${list}`);
  }
  return cache.result;
}

/** The collection entry id of a row: its primary key, parts joined by "/". */
export function rowId(primaryKey: readonly string[], record: Record<string, unknown>): string {
  return primaryKey.map((c) => String(record[c])).join('/');
}

export function csvTable(name: string): Loader {
  return {
    name: `csv-table:${name}`,
    load: async ({ store, logger }) => {
      const table = validatedDataset().tables.get(name);
      if (!table) throw new DataValidationError(`没有名为 ${name} 的数据表`);
      store.clear();
      for (const { record } of table.rows) {
        store.set({ id: rowId(table.def.primaryKey, record), data: record });
      }
      logger.info(`${table.file}: ${table.rows.length} 行`);
    },
  };
}
