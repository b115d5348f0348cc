/**
 * Download encoders. The plain CSV is the file in git, byte for byte. The "CSV for Excel"
 * variant is what opens correctly when a journalist double-clicks it: UTF-8 with a BOM (so
 * Excel does not read it as GBK), CRLF line ends, and cells neutralised against formula
 * injection.
 */
import { parseCsv } from './csv.ts';
import type { ColumnMeta } from '../schemas/columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
/** Digit strings Excel would turn into a number and mangle (long codes, leading zeros). */
const FRAGILE_DIGITS = /^(?:\d{12,}|0\d+)$/;
/**
 * Text a spreadsheet would read as a number or a date: a year (2017), a month (2017-12), a day
 * written in a text column (a target date), a rating period (2019-H1 is read as a date by some).
 * In a text column these stay text, so that the column holds one type.
 */
const TEXT_READ_AS_OTHER = /^(?:-?\d+(?:\.\d+)?|\d{4}-(?:\d{1,2}(?:-\d{1,2})?|H[12]))$/;

export type ExcelCellKind = 'plain' | 'neutralised' | 'protected';

/**
 * How a cell is written for Excel. A cell that could start a formula gets a leading
 * apostrophe (OWASP's advice); plain numbers such as "-3" are left alone because they cannot
 * run anything and should stay numbers. A text column holding only digits that Excel would
 * round (an 18-digit code) or strip of leading zeros, and text a spreadsheet would read as a
 * number or a date (a year, a month, a period code), is written as ="…" so it stays text.
 */
export function excelCell(value: string, textColumn: boolean): { text: string; kind: ExcelCellKind } {
  if (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)) return { text: `'${value}`, kind: 'neutralised' };
  if (textColumn && (FRAGILE_DIGITS.test(value) || TEXT_READ_AS_OTHER.test(value))) return { text: `="${value}"`, kind: 'protected' };
  return { text: value, kind: 'plain' };
}

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Re-encodes a validated CSV text for Excel. `columns` gives each header's metadata, when known. */
export function toExcelCsv(text: string, columns: ReadonlyMap<string, Pick<ColumnMeta, 'type'>> = new Map()): string {
  const { rows } = parseCsv(text);
  const header = rows[0]?.cells ?? [];
  const textCol = header.map((h) => columns.get(h)?.type === 'string');
  const lines = rows.map((row, r) =>
    row.cells.map((cell, k) => quoteCsv(r === 0 ? cell : excelCell(cell, textCol[k] ?? false).text)).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** JSON download: typed records, with every column present (null for an empty cell). */
export function toJsonRecords(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  const out = records.map((rec) => Object.fromEntries(columns.map((c) => [c, rec[c] === undefined ? null : rec[c]])));
  return `${JSON.stringify(out, null, 1)}\n`;
}

/** Writes typed records back to CSV (UTF-8, LF), e.g. one indicator's observations. */
export function toCsv(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  const cell = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : String(v));
  const lines = [columns.join(','), ...records.map((r) => columns.map((c) => quoteCsv(cell(r[c]))).join(','))];
  return `${lines.join('\n')}\n`;
}
