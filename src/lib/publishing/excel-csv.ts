/**
 * The one "CSV for Excel" encoder: the server's -excel.csv files and the browser's "下载这些行"
 * both write their cells here, so a cell reads the same in a spreadsheet whichever way it was
 * downloaded. Browser-safe: no node: imports (the register scripts bundle it).
 *
 * What a spreadsheet would do with a cell, and what we write instead:
 * - A cell that could start a formula — one of = + - @ (or their full-width and small forms,
 *   or the minus sign −) after any leading whitespace, control, format or line-separator
 *   characters, or a cell opening with a tab, CR or LF (OWASP's list) — gets a leading
 *   apostrophe. A plain number such as "-0.5" is the one exception: it cannot run anything.
 * - In a number column a value stays a number only if it is exactly a plain number
 *   (-?digits[.digits]); in a date column only if it is exactly YYYY-MM-DD.
 * - Everything else a spreadsheet would read as something other than text — numbers, long
 *   digit strings, leading zeros, dates and times (2020-01, 1/2, 2019年1月, Jan-20, 10:30),
 *   percentages, currencies, scientific notation and codes mixing letters and digits (a USCC
 *   such as 913202810000000E12, a period such as 2019-H1), TRUE/FALSE — is written as the text
 *   literal ="…" so that it stays text (over 255 characters, Excel's limit for a literal, it gets
 *   the apostrophe instead).
 */
import { csvTextPieces, parseCsv, recordCells, recordTexts } from '../validation/csv.ts';
import type { FieldType } from '../../schemas/columns.ts';

/** How a column's cells are read: as text, as numbers, or as dates. */
export type ExcelColumn = 'text' | 'number' | 'date';
/** Each column's kind by its header; a column not listed is text. */
export type ExcelColumns = Readonly<Record<string, ExcelColumn>>;
export type ExcelCellKind = 'plain' | 'neutralised' | 'protected';

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** What a spreadsheet may skip before it looks for a formula: whitespace, separators, control, format and unassigned characters, combining marks. */
const LEADING_IGNORABLE = /^[\s\p{Z}\p{C}\p{M}\p{Default_Ignorable_Code_Point}]+/u;
/** = + - @, their full-width (＝＋－＠) and small (﹦﹢﹣﹫) forms, and the minus sign. */
const FORMULA_PREFIX = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;
/** OWASP's list also names a cell opening with a tab or a line break. */
const OWASP_START = /^[\t\r\n]/;
/** Numbers, dates and times as a spreadsheet reads them (also with full-width digits or Chinese date words). */
const NUMERIC_ALPHABET = /^[\p{Nd} \u00A0\u3000.,，．:：/／\-－+＋%％()（）$¥￥€£eE年月日时分秒点上下午]+$/u;
/** Codes of letters and digits, with - _ . / : or a space between their parts: 2019-H1, a USCC, Jan-20, 1E5, 10:30 AM. */
const CODE = /^[0-9A-Za-z]+(?:[-_./: ][0-9A-Za-z]+)*$/;
const HAS_DIGIT = /\p{Nd}/u;
const BOOLEAN = /^(?:true|false)$/i;
/** Excel's limit for a text literal inside a formula. */
const MAX_LITERAL = 255;

/** The kind of column a Table Schema type is written as. */
export function excelColumn(type: FieldType | undefined): ExcelColumn {
  return type === 'number' || type === 'integer' ? 'number' : type === 'date' ? 'date' : 'text';
}

/** Whether a spreadsheet could take the cell for a formula (before any plain-number exception). */
export function startsLikeFormula(value: string): boolean {
  return !plainStart(value.charCodeAt(0)) && (OWASP_START.test(value) || FORMULA_PREFIX.test(value.replace(LEADING_IGNORABLE, '')));
}

/**
 * A first character that is neither ignorable nor a formula's: a printable ASCII character other
 * than = + - @, or a Chinese character (CJK Unified Ideographs assigned since Unicode 9, so that a
 * browser with older Unicode tables agrees). Most cells start so, and skip the regular expressions.
 */
function plainStart(c: number): boolean {
  return (c > 0x20 && c < 0x7f && c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40) || (c >= 0x4e00 && c <= 0x9fd5);
}

/** Whether a spreadsheet would read the text as a number, date, time, percentage, boolean or the like. */
export function readAsOtherThanText(value: string): boolean {
  return BOOLEAN.test(value) || (HAS_DIGIT.test(value) && (NUMERIC_ALPHABET.test(value) || CODE.test(value)));
}

/** How one cell is written for Excel, with what was done to it. */
export function excelCell(value: string, column: ExcelColumn): { text: string; kind: ExcelCellKind } {
  if (value === '') return { text: value, kind: 'plain' };
  if (column === 'number' && PLAIN_NUMBER.test(value)) return { text: value, kind: 'plain' };
  if (column === 'date' && PLAIN_DATE.test(value)) return { text: value, kind: 'plain' };
  if (startsLikeFormula(value) && !PLAIN_NUMBER.test(value)) return { text: `'${value}`, kind: 'neutralised' };
  if (readAsOtherThanText(value)) {
    // The alphabets above hold no quote and no line break, so the literal cannot be broken out of.
    return value.length <= MAX_LITERAL ? { text: `="${value}"`, kind: 'protected' } : { text: `'${value}`, kind: 'protected' };
  }
  return { text: value, kind: 'plain' };
}

function quoteCsv(cell: string): string {
  return /[",\r\n\u2028\u2029]|^\s|\s$/u.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A header cell: never a formula, otherwise as it is. */
function headerCell(name: string): string {
  return startsLikeFormula(name) ? `'${name}` : name;
}

/** A column's kind; anything but a listed number or date column (also a kind read from a page attribute that is not one) is text. */
function kindOf(columns: ExcelColumns, name: string): ExcelColumn {
  const kind: unknown = Object.hasOwn(columns, name) ? columns[name] : undefined;
  return kind === 'number' || kind === 'date' ? kind : 'text';
}

/** Writes a header and rows as CSV for Excel: UTF-8 BOM, CRLF, every cell through `excelCell`. */
export function encodeExcelCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>, columns: ExcelColumns): string {
  const kinds = header.map((h) => kindOf(columns, h));
  const lines = [
    header.map((h) => quoteCsv(headerCell(h))).join(','),
    ...rows.map((row) => row.map((cell, k) => quoteCsv(excelCell(cell, kinds[k] ?? 'text').text)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function readRows(text: string): { header: string[]; body: string[][] } {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''))
    .rows.map((r) => r.cells)
    .filter((cells) => !(cells.length === 1 && cells[0] === ''));
  return { header: rows[0] ?? [], body: rows.slice(1) };
}

/** Re-encodes a CSV text (a validated table or a derived download) for Excel. */
export function toExcelCsv(text: string, columns: ExcelColumns): string {
  const records = new ExcelRecords(columns);
  const lines = records.lines(text.replace(/^\uFEFF/, ''));
  if (lines) return `\uFEFF${[...lines, ...records.ending()].join('\r\n')}\r\n`;
  return wholeExcelCsv(text, columns);
}

/** The CSV for Excel of a text read whole, recovering as the validator does. */
function wholeExcelCsv(text: string, columns: ExcelColumns): string {
  const { header, body } = readRows(text);
  return encodeExcelCsv(header, body, columns);
}

/**
 * The CSV for Excel of a CSV file's bytes, as UTF-8 pieces: the same bytes as `toExcelCsv` of
 * the decoded text, but read a piece of records at a time (`csvTextPieces`), so that a table of
 * a million rows is never one string (the site's largest download is written from these).
 */
export function excelCsvPieces(bytes: Uint8Array, columns: ExcelColumns, pieceSize?: number): Uint8Array[] {
  const encoder = new TextEncoder();
  const out = [encoder.encode('\uFEFF')];
  const records = new ExcelRecords(columns);
  let first = true;
  for (const piece of csvTextPieces(bytes, pieceSize)) {
    const lines = records.lines(first ? piece.replace(/^\uFEFF/, '') : piece);
    first = false;
    // The pieces split the records as the whole text does, so the whole text's records would not read either.
    if (!lines) return [encoder.encode(wholeExcelCsv(new TextDecoder().decode(bytes), columns))];
    if (lines.length > 0) out.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
  }
  const ending = records.ending();
  if (ending.length > 0) out.push(encoder.encode(`${ending.join('\r\n')}\r\n`));
  return out;
}

/**
 * The lines of the CSV for Excel, each record read and written on its own, so that a table of a
 * million rows is never held as rows of cells. `lines` says undefined when a record does not
 * read cleanly on its own (then the whole text is read at once, recovering as the validator does).
 */
class ExcelRecords {
  private readonly columns: ExcelColumns;
  private kinds: ExcelColumn[] | undefined;

  constructor(columns: ExcelColumns) {
    this.columns = columns;
  }

  /** The lines of the records of `text`, which ends where a record ends (or the file does). */
  lines(text: string): string[] | undefined {
    const texts = recordTexts(text);
    if (!texts) return undefined;
    const lines: string[] = [];
    for (const t of texts) {
      const cells = recordCells(t);
      if (!cells) return undefined;
      if (cells.every((c) => c === '')) continue;
      if (!this.kinds) {
        this.kinds = cells.map((h) => kindOf(this.columns, h));
        lines.push(cells.map((h) => quoteCsv(headerCell(h))).join(','));
        continue;
      }
      const kinds = this.kinds;
      // A cell over several lines in a record of the wrong width: the whole reader may take its quote for a runaway one.
      if (/[\r\n]/.test(t.endsWith('\r') ? t.slice(0, -1) : t) && cells.length !== kinds.length) return undefined;
      lines.push(cells.map((cell, k) => quoteCsv(excelCell(cell, kinds[k] ?? 'text').text)).join(','));
    }
    return lines;
  }

  /** What follows the last record: an empty line for a file with no header. */
  ending(): string[] {
    return this.kinds ? [] : [''];
  }
}

/**
 * "下载这些行": the rows of a CSV text whose `key` cell is in `order`, in that order (the order the
 * page shows them), for Excel — the same encoding as the server's -excel.csv files.
 */
export function pickedRowsExcelCsv(text: string, columns: ExcelColumns, key: string, order: ReadonlyMap<string, number>): string {
  const { header, body } = readRows(text);
  const k = header.indexOf(key);
  const picked = k < 0 ? [] : body.filter((r) => order.has(r[k] ?? '')).sort((a, b) => order.get(a[k]!)! - order.get(b[k]!)!);
  return encodeExcelCsv(header, picked, columns);
}
