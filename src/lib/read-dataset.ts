/** Node-side reading of a data folder and a content folder into the validator's input. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { ALL_TABLES } from '../schemas/index.ts';
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
