/** Node-side reading of a data folder and a content folder into the validator's input. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { ALL_TABLES } from '../schemas/index.ts';
import { formatIssue, sortIssues } from '../lib/validation/issues.ts';
import { checkPages, type PageSource } from './content-check.ts';
import { validateDataset, type DatasetInput, type PlanSource, type TableCache, type TableResult, type ValidationResult } from '../lib/validation/validate.ts';
import { buildDate, config } from './config.ts';
import { codeVersion, validationCache } from './validation-cache.ts';

export interface DatasetDirs {
  dataDir: string;
  contentDir: string;
  /** Folder that paths in messages are relative to (the repository root). */
  cwd?: string;
  /** The date dated rows may not be later than; the build's date when absent (tests fix it). */
  today?: string;
}

/** This build's data and content folders (src/build/config.ts: DATA_DIR, CONTENT_DIR or data/, content/); a new object each time. */
export function datasetDirs(): DatasetDirs {
  const { dataDir, contentDir, cwd } = config();
  return { dataDir, contentDir, cwd };
}

/** Whether `path` is `dir` or inside it. */
export function insideDir(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  // `..` alone or as the first step leaves `dir`; a name that merely starts with two dots
  // (`..drafts`) is inside it.
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A path as messages show it: relative to `cwd` when inside it, else as given; always with `/`. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel && insideDir(path, cwd) ? rel : path).split('\\').join('/');
}

/** Every file under `dir`, relative to it with "/", sorted; [] when the folder does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
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
        .map((f) => ({ id: f.slice(0, -3), path: shownPath(join(planDir, f), cwd), text: readFileSync(join(planDir, f), 'utf8') }))
    : [];
  const listing = { contentDir: shownPath(dirs.contentDir, cwd), dataFiles: listFiles(dirs.dataDir), contentFiles: listFiles(dirs.contentDir) };
  return { dataDir: shownPath(dirs.dataDir, cwd), files, tables: ALL_TABLES, plans, listing, today: dirs.today ?? buildDate() };
}

/** The page files of CONTENT_DIR/pages/ (*.md and *.mdx, what the pages collection loads), sorted. */
export function pageFiles(dirs: DatasetDirs): string[] {
  const dir = join(dirs.contentDir, 'pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

export function readPages(dirs: DatasetDirs): PageSource[] {
  const cwd = dirs.cwd ?? process.cwd();
  // Imports in a page are resolved from where the file is, relative to the project (process.cwd()).
  return pageFiles(dirs).map((p) => ({ path: shownPath(p, cwd), fromRoot: relative(process.cwd(), p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));
}

/**
 * The data set validated, and the pages checked for what they may hold (src/build/content-check.ts:
 * Node only, so not part of the validator the browser shares).
 */
export function validateDirs(dirs: DatasetDirs, tableCache?: TableCache): ValidationResult {
  const result = validateDataset({ ...readDatasetInput(dirs), tableCache });
  const pages = checkPages(readPages(dirs));
  return pages.length === 0 ? result : { ...result, issues: sortIssues([...result.issues, ...pages]) };
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
  const plans = existsSync(planDir)
    ? readdirSync(planDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : [];
  // The listings too: a copy saved beside a table (problems (1).csv) is refused by name.
  const listings = [...listFiles(dirs.dataDir), '|', ...listFiles(dirs.contentDir)].join('/');
  return [
    ...ALL_TABLES.map((t) => `${t.name}:${stamp(join(dirs.dataDir, `${t.name}.csv`))}`),
    ...plans.map((f) => `${f}:${stamp(join(planDir, f))}`),
    ...pageFiles(dirs).map((p) => `${p}:${stamp(p)}`),
    listings,
  ].join('|');
}

export class DataValidationError extends Error {
  override name = 'DataValidationError';
}

/**
 * The one validated data set of this process. It lives on globalThis because `astro build`
 * loads this module twice, once for the integrations and once bundled into the pages, and the
 * data must be read and checked once, not twice.
 */
interface SharedDataset {
  cache?: { dirs: string; signature: string; result: ValidationResult; reused: string[] };
  /** Set for a build: files do not change under it, so they are not stat'ed on every read. */
  frozen: boolean;
}
const shared: SharedDataset = ((globalThis as Record<symbol, unknown>)[Symbol.for('gushan.validated-dataset')] ??= { frozen: false }) as SharedDataset;

/**
 * Called when `astro build` starts: from then on the files are not looked at again. Without
 * it every read of the data (dozens per page) stat'ed nine files; the dev server keeps
 * looking, so an edit shows on the next reload.
 */
export function freezeDataset(): void {
  shared.frozen = true;
}

/**
 * The validated data set of DATA_DIR and CONTENT_DIR, read and checked once and again only when
 * a file changes (the dev server); throws a DataValidationError listing every problem. The
 * build calls it before any page is made (src/integrations/validate-data.ts), so broken data
 * writes nothing.
 */
export function validatedDataset(): ValidationResult {
  const dirs = datasetDirs();
  const key = `${dirs.dataDir}\n${dirs.contentDir}`;
  let cache = shared.cache;
  if (!cache || cache.dirs !== key || (!shared.frozen && cache.signature !== signature(dirs))) {
    const tableCache = shared.frozen ? buildTableCache() : undefined;
    cache = shared.cache = { dirs: key, signature: signature(dirs), result: validateDirs(dirs, tableCache), reused: tableCache?.reused ?? [] };
    // A build holds the data set to its end: what only the checks between tables read (every
    // key and referenced value of every row, as written) is let go once they have run.
    if (shared.frozen) for (const t of cache.result.tables.values()) forgetCheckSets(t);
  }
  const { issues } = cache.result;
  if (issues.length > 0) {
    const list = issues.map((i) => `  ${formatIssue(i)} [${i.code}]`).join('\n');
    throw new DataValidationError(`数据检查发现 ${issues.length} 个问题，网站没有生成。请逐条修改后重试（也可以运行 npm run validate 只做检查）：\n${list}`);
  }
  return cache.result;
}

function forgetCheckSets(t: TableResult): void {
  delete t.keys;
  t.referable = new Map();
}

/**
 * An incremental build's tables checked by the build before (src/build/validation-cache.ts), in
 * Astro's cache folder; none for a one-off build, the dev server or `npm run validate`.
 */
function buildTableCache(): ReturnType<typeof validationCache> | undefined {
  const { incremental, astroCacheDir } = config();
  if (!incremental) return undefined;
  const version = codeVersion(process.cwd());
  return version === undefined ? undefined : validationCache(join(astroCacheDir, 'gushan-validated'), version);
}

/** The tables the last check took from the build before (buildTableCache), for the build log. */
export function reusedTables(): readonly string[] {
  return shared.cache?.reused ?? [];
}
