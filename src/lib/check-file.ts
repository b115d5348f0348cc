/**
 * Checking one CSV file on its own, as the in-browser checker (/data/check/) does: the file
 * takes the place of its table in the published data set, and the same validator as
 * `npm run validate` runs. References to other tables are checked against the published
 * data. Pure, so the command line and the browser can be shown to agree.
 */
import { ALL_TABLES } from '../schemas/index.ts';
import { columnNames } from '../schemas/table.ts';
import type { ValidationIssue } from './issues.ts';
import { parseCsv } from './csv.ts';
import { decodeCsvBytes } from './encoding.ts';
import { validateDataset, type PlanSource } from './validate.ts';

export interface CheckInput {
  fileName: string;
  bytes: Uint8Array;
  /** Table chosen by the editor; guessed from the file name and header when undefined. */
  table?: string | undefined;
  /** The published files of the other tables, by table name. */
  published: ReadonlyMap<string, Uint8Array>;
  plans: readonly PlanSource[];
}

export interface CheckResult {
  table: string | undefined;
  guessed: boolean;
  /** Problems in the checked file. */
  issues: ValidationIssue[];
  /** References from published tables that the checked file would break. */
  elsewhere: ValidationIssue[];
  rows: number;
}

/** Guesses the table from the file name (problems.csv, problems (1).csv, problems-excel.csv) or the header. */
export function guessTable(fileName: string, bytes: Uint8Array): string | undefined {
  const stem = fileName.toLowerCase().replace(/\.csv$/, '').replace(/\s*\(\d+\)$/, '').replace(/-excel$/, '');
  const byName = ALL_TABLES.find((t) => t.name === stem);
  if (byName) return byName.name;
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return undefined;
  const header = new Set((parseCsv(decoded.text.split(/\r?\n/, 1)[0] ?? '').rows[0]?.cells ?? []).map((c) => c.trim()));
  let best: { name: string; score: number } | undefined;
  for (const t of ALL_TABLES) {
    const cols = columnNames(t);
    const score = cols.filter((c) => header.has(c)).length / Math.max(cols.length, header.size);
    if (score > 0.5 && (!best || score > best.score)) best = { name: t.name, score };
  }
  return best?.name;
}

export function checkFile(input: CheckInput): CheckResult {
  const table = input.table ?? guessTable(input.fileName, input.bytes);
  if (!table) return { table: undefined, guessed: false, issues: [], elsewhere: [], rows: 0 };
  const files = new Map<string, Uint8Array | undefined>(ALL_TABLES.map((t) => [t.name, input.published.get(t.name)]));
  files.set(table, input.bytes);
  const result = validateDataset({ dataDir: 'data', files, tables: ALL_TABLES, plans: input.plans });
  const file = `data/${table}.csv`;
  return {
    table,
    guessed: input.table === undefined,
    issues: result.issues.filter((i) => i.file === file),
    // Only broken references are the checked file's doing; anything else in a published file is not.
    elsewhere: result.issues.filter((i) => i.file !== file && i.code === 'E060' && i.message.includes(file)),
    rows: result.tables.get(table)?.rows.length ?? 0,
  };
}
