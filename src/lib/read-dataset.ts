/** Node-side reading of a data folder and a content folder into the validator's input. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { ALL_TABLES } from '../schemas/index.ts';
import { formatIssue } from './issues.ts';
import { validateDataset, type DatasetInput, type PlanSource, type ValidationResult } from './validate.ts';

export interface DatasetDirs {
  dataDir: string;
  contentDir: string;
  /** Folder that paths in messages are relative to (the repository root). */
  cwd?: string;
}

/** Data and content folders from the environment (DATA_DIR, CONTENT_DIR) or the defaults. */
export function datasetDirsFromEnv(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): DatasetDirs {
  return { dataDir: env.DATA_DIR || join(cwd, 'data'), contentDir: env.CONTENT_DIR || join(cwd, 'content'), cwd };
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path).split('\\').join('/');
}

export function readDatasetInput(dirs: DatasetDirs): DatasetInput {
  const cwd = dirs.cwd ?? process.cwd();
  const files = new Map<string, Uint8Array | undefined>();
  for (const def of ALL_TABLES) {
    const p = join(dirs.dataDir, `${def.name}.csv`);
    files.set(def.name, existsSync(p) ? readFileSync(p) : undefined);
  }
  const planDir = join(dirs.contentDir, 'plan');
  const plans: PlanSource[] = existsSync(planDir)
    ? readdirSync(planDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => ({ id: f.slice(0, -3), path: shown(join(planDir, f), cwd), text: readFileSync(join(planDir, f), 'utf8') }))
    : [];
  return { dataDir: shown(dirs.dataDir, cwd), files, tables: ALL_TABLES, plans };
}

export function validateDirs(dirs: DatasetDirs): ValidationResult {
  return validateDataset(readDatasetInput(dirs));
}

/** What changes when a data or plan file changes: size and modification time of each. */
function signature(dirs: DatasetDirs): string {
  const stamp = (p: string) => {
    try {
      const s = statSync(p);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '-';
    }
  };
  const planDir = join(dirs.contentDir, 'plan');
  const plans = existsSync(planDir) ? readdirSync(planDir).filter((f) => f.endsWith('.md')).sort() : [];
  return [...ALL_TABLES.map((t) => `${t.name}:${stamp(join(dirs.dataDir, `${t.name}.csv`))}`), ...plans.map((f) => `${f}:${stamp(join(planDir, f))}`)].join('|');
}

export class DataValidationError extends Error {
  override name = 'DataValidationError';
}

let cache: { signature: string; result: ValidationResult } | undefined;

/**
 * The validated data set of DATA_DIR and CONTENT_DIR, read and checked once and again only when
 * a file changes (the dev server); throws a DataValidationError listing every problem. The
 * build calls it before any page is made (src/integrations/validate-data.ts), so broken data
 * writes nothing.
 */
export function validatedDataset(): ValidationResult {
  const dirs = datasetDirsFromEnv();
  const sig = signature(dirs);
  if (!cache || cache.signature !== sig) cache = { signature: sig, result: validateDirs(dirs) };
  const { issues } = cache.result;
  if (issues.length > 0) {
    const list = issues.map((i) => `  ${formatIssue(i)} [${i.code}]`).join('\n');
    throw new DataValidationError(`数据检查发现 ${issues.length} 个问题，网站没有生成。请逐条修改后重试（也可以运行 npm run validate 只做检查）：\n${list}`);
  }
  return cache.result;
}
