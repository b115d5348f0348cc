/**
 * Checking one CSV file on its own, as the in-browser checker (/data/check/) does: the file
 * takes the place of its table in the published data set, and the same validator as
 * `npm run validate` runs. References to other tables are checked against the published
 * data. Pure, so the command line and the browser can be shown to agree.
 */
import { ALL_TABLES } from '../../schemas/index.ts';
import { columnNames } from '../../schemas/table.ts';
import type { ValidationIssue } from './issues.ts';
import { parseCsv } from './csv.ts';
import { decodeCsvBytes } from './encoding.ts';
import { detectDelimiter, excelBytes, fixTableText, headerWords, titleMap, type FileChange } from './fixes.ts';
import { validateDataset, type PlanSource } from './validate.ts';

export interface CheckInput {
  fileName: string;
  bytes: Uint8Array;
  /** Table chosen by the editor; guessed from the file name and header when undefined. */
  table?: string | undefined;
  /** The published files of the other tables, by table name. */
  published: ReadonlyMap<string, Uint8Array>;
  plans: readonly PlanSource[];
  /** The editor's day (YYYY-MM-DD), which no date may pass; absent: not checked. */
  today?: string | undefined;
}

export interface CheckResult {
  table: string | undefined;
  guessed: boolean;
  /** Problems in the checked file. */
  issues: ValidationIssue[];
  /** References from published tables that the checked file would break. */
  elsewhere: ValidationIssue[];
  rows: number;
  /** The file with every mechanical fix applied (UTF-8 with BOM, its own line ends), when there is any. */
  fixed?: CorrectedFile;
}

export interface CorrectedFile {
  fileName: string;
  bytes: Uint8Array;
  /** What changed in the whole file (encoding, separator), in Chinese. */
  notes: string[];
  changes: FileChange[];
  /** Lines of records that could not be read (broken quotes): in the file exactly as written, not corrected. */
  kept: number[];
}

/** The file's text: UTF-8, or GBK/GB18030 when that is what Excel wrote (the checker reads either). */
function readText(bytes: Uint8Array): { text: string; gbk: boolean } | undefined {
  const decoded = decodeCsvBytes(bytes);
  if (decoded.ok) return { text: decoded.text, gbk: false };
  if (decoded.encoding === 'gb18030') return { text: decoded.text, gbk: true };
  return undefined;
}

/** “问题清单.csv” → “问题清单（已修正）.csv”. */
export function correctedName(fileName: string): string {
  const stem = fileName.replace(/\.(csv|txt)$/i, '');
  return `${stem}（已修正）.csv`;
}

/** The corrected file for the checker's download, or undefined when nothing mechanical is wrong. */
export function correctFile(table: string, fileName: string, bytes: Uint8Array): CorrectedFile | undefined {
  const def = ALL_TABLES.find((t) => t.name === table);
  const read = readText(bytes);
  if (!def || !read) return undefined;
  const f = fixTableText(def, read.text);
  const notes: string[] = [];
  if (read.gbk) notes.push('编码由 GBK/GB18030 改为 UTF-8（带 BOM，Excel 可以直接打开）');
  if (f.commas) notes.push(`单元格分隔符由${f.delimiter === '\t' ? '制表符' : '分号'}改为逗号`);
  if (notes.length === 0 && f.changes.length === 0) return undefined;
  return { fileName: correctedName(fileName), bytes: excelBytes(f.text), notes, changes: f.changes, kept: f.kept };
}

/** What the corrected file says of the records it could not read (the checker and `--fix` share it). */
export function keptNote(lines: readonly number[]): string {
  return `第 ${lines.join('、')} 行的引号有错，读不出来：原样保留，没有修正，仍需手工修改（见下面的问题）。`;
}

/**
 * A message as the checker shows it: the editor's own file name and the Excel cell
 * (“问题清单.csv 单元格 M3（列 status）：…”), instead of the repository path and line.
 */
export function formatForEditor(i: ValidationIssue, fileName: string): string {
  const row = i.excelRow ?? i.line;
  let where = fileName;
  if (i.excelColumn !== undefined && row !== undefined) where += ` 单元格 ${i.excelColumn}${row}（第 ${row} 行，列 ${i.column ?? i.excelColumn}）`;
  else if (row !== undefined) where += ` 第 ${row} 行${i.column !== undefined ? `（列 ${i.column}）` : ''}`;
  else if (i.column !== undefined) where += ` 列 ${i.column}`;
  return `${where}：${i.message}`;
}

/** Guesses the table from the file name (problems.csv, problems (1).csv, problems-excel.csv) or the header. */
export function guessTable(fileName: string, bytes: Uint8Array): string | undefined {
  const stem = fileName
    .toLowerCase()
    .replace(/\.csv$/, '')
    .replace(/\s*\(\d+\)$/, '')
    .replace(/-excel$/, '');
  const byName = ALL_TABLES.find((t) => t.name === stem);
  if (byName) return byName.name;
  // GBK is read too, so that a file Excel saved as plain CSV gets the advice on its encoding.
  const read = readText(bytes);
  if (!read) return undefined;
  const firstLine = read.text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  let best: { name: string; score: number } | undefined;
  for (const t of ALL_TABLES) {
    const titles = titleMap(t);
    const cells = parseCsv(firstLine, detectDelimiter(firstLine, headerWords(t))).rows[0]?.cells ?? [];
    const header = new Set(cells.map((c) => c.trim()).map((c) => titles.get(c) ?? c));
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
  const result = validateDataset({ dataDir: 'data', files, tables: ALL_TABLES, plans: input.plans, today: input.today });
  const file = `data/${table}.csv`;
  const fixed = correctFile(table, input.fileName, input.bytes);
  return {
    ...(fixed ? { fixed } : {}),
    table,
    guessed: input.table === undefined,
    issues: result.issues.filter((i) => i.file === file),
    // Only broken references (and responses to records no longer there) are the checked file's doing; anything else in a published file is not.
    elsewhere: result.issues.filter((i) => i.file !== file && (i.code === 'E060' || i.code === 'E064') && i.message.includes(file)),
    rows: result.tables.get(table)?.rows.length ?? 0,
  };
}
