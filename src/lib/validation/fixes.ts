/**
 * The fixer: the corrections of mechanical mistakes that Excel, WPS and a busy editor make
 * (dates written 2017/3/14 or 2017年3月14日, full-width digits, thousands separators, percent
 * signs and units in number cells, Chinese separators in lists, lower-case codes, stray and
 * full-width spaces, a near-miss of one allowed value). One module behind the messages
 * ("应写成 …"), `npm run validate -- --fix` and the checker's corrected download.
 *
 * A correction is only offered when it is certain: the corrected value must pass the column's
 * own check, and where two allowed values are equally close nothing is suggested. Pure and
 * browser-safe (no Node APIs).
 */
import { excelColumn, parseCsv, type CsvRow } from './csv.ts';
import { DAY_MS, dayMs, isoDate, PARTIAL_DATE } from '../dates.ts';
import { stripControlChars } from './control-chars.ts';
import { showValue } from './issues.ts';
import { USCC_PATTERN } from '../uscc.ts';
import type { ColumnMeta } from '../../schemas/columns.ts';
import { columnMetaOf, columnNames, type AnyTable, type RuleContext } from '../../schemas/table.ts';

export interface CellFix {
  /** The corrected value. */
  value: string;
}

/** Full-width ASCII (ＡＢＣ１２３，．) and the ideographic space to their ordinary forms. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Spaces Excel and WPS leave around a value: ordinary, full-width, non-breaking. */
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;
const trimAll = (s: string) => s.replace(EDGE_SPACE, '');
const pad = (n: string) => n.padStart(2, '0');

/** Values editors write for an allowed value that the prefix rule below cannot find. */
const ALIASES: Record<string, string> = {
  完成整改: '已整改',
  整改完成: '已整改',
  已完成整改: '已整改',
  正在整改: '整改中',
  未整改: '待整改',
  销号: '已销号',
  已销: '已销号',
  完成销号: '已销号',
};

/** The one allowed value `raw` clearly means, or undefined when none or several are as close. */
export function nearestAllowed(raw: string, values: readonly string[]): string | undefined {
  const v = trimAll(halfWidth(raw)).replace(/\s+/g, '');
  if (values.includes(v)) return v;
  const lower = values.filter((x) => x.toLowerCase() === v.toLowerCase());
  if (lower.length === 1) return lower[0];
  const alias = ALIASES[v];
  if (alias !== undefined && values.includes(alias)) return alias;
  if (v === '') return undefined;
  // A shortened value (红 → 红色): a prefix of exactly one allowed value and part of no other.
  const prefixOf = values.filter((x) => x.startsWith(v));
  if (prefixOf.length === 1 && values.filter((x) => x.includes(v)).length === 1) return prefixOf[0];
  return undefined;
}

/** Excel's day number (42808 = 2017-03-14) as an ISO date, for a hint; undefined when implausible. */
export function excelSerialDate(raw: string): string | undefined {
  if (!/^\d{5}(?:\.0+)?$/.test(raw)) return undefined;
  const n = Math.floor(Number(raw));
  if (n < 20000 || n > 80000) return undefined;
  return isoDate(new Date(dayMs('1899-12-30') + n * DAY_MS));
}

function fixDate(s: string, partial: boolean): string | undefined {
  const t = s.replace(/\s+/g, '');
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  if (!partial) return undefined;
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(t);
  if (m) return `${m[1]}-${pad(m[2]!)}`;
  m = /^(\d{4})年$/.exec(t);
  if (m) return m[1];
  return undefined;
}

function fixNumber(s: string, meta: ColumnMeta): string | undefined {
  let t = s.replace(/[\s\u00a0]+/g, '').replace(/[−–—]/g, '-');
  if (meta.unit && meta.unit !== '%' && t.endsWith(meta.unit)) t = t.slice(0, -meta.unit.length);
  // A percent sign is only noise where the column is a share or has no fixed unit.
  if (meta.unit === undefined || meta.unit === '%') t = t.replace(/%$/, '');
  // Thousands separators: 1,234.5 or 12,345 (groups of three only, so 1,5 is not guessed).
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  return t;
}

/**
 * The corrected text of one cell whose value failed its column's check, when the correction is
 * mechanical and certain; undefined otherwise.
 */
export function suggestCell(meta: ColumnMeta, written: string): CellFix | undefined {
  if (meta.parse(written).ok) return undefined;
  // Control characters are never meant (E041): every correction starts from the text without
  // them; in free text, those that stand for a line break (Word's Shift+Enter) become one.
  const raw = stripControlChars(written, meta.type === 'string' && !meta.enum && !meta.pattern && !meta.format);
  const candidates: string[] = [];
  const trimmed = trimAll(raw);
  if (meta.type === 'string' && !meta.enum && !meta.pattern && !meta.format) {
    // Free text: only the spaces around it are mechanical.
    candidates.push(trimmed);
  } else if (meta.enum && meta.list) {
    const items = halfWidth(trimmed)
      .split(/[;；，,、]/)
      .map((x) => nearestAllowed(x, meta.enum!));
    if (items.every((x) => x !== undefined)) candidates.push(items.join(';'));
  } else if (meta.list) {
    // Lists of codes (section anchors): a Chinese semicolon is a separator. In lists of
    // quotes it may be part of the text, so only the spaces around the value are touched.
    const items = halfWidth(trimmed)
      .split(/\s*[;；]\s*/)
      .map(trimAll);
    candidates.push(items.some((x) => /[\u3000-\u9fff\uff00-\uffef]/.test(x)) ? trimmed : items.join(';'));
  } else if (meta.enum) {
    const v = nearestAllowed(raw, meta.enum);
    if (v !== undefined) candidates.push(v);
  } else {
    const s = trimAll(halfWidth(raw).replace(/[。]/g, '.'));
    if (meta.type === 'number' || meta.type === 'integer') {
      const n = fixNumber(s, meta);
      if (n !== undefined) candidates.push(n);
    } else if (meta.type === 'date') {
      const d = fixDate(s, false);
      if (d !== undefined) candidates.push(d);
    } else if (meta.pattern === PARTIAL_DATE.source) {
      const d = fixDate(s, true);
      if (d !== undefined) candidates.push(d);
    }
    // Spaces inside a number, a date or a code are stray; inside a name (Dong Cun) they are not.
    const compact = meta.type !== 'string' || meta.pattern === USCC_PATTERN.source ? s.replace(/\s+/g, '') : s;
    candidates.push(compact, compact.toUpperCase(), compact.toLowerCase());
  }
  const passing = [...new Set(candidates)].filter((c) => c !== written && meta.parse(c).ok);
  // Never guess: the candidates that pass must agree (upper- and lower-case both passing would not).
  return passing.length === 1 ? { value: passing[0]! } : passing.length > 1 && passing.every((p) => p === passing[0]) ? { value: passing[0]! } : undefined;
}

/** The text appended to a cell's message: the corrected value or, for an Excel day number, a hint. */
export function fixNote(meta: ColumnMeta, raw: string): { note: string; fix?: string } | undefined {
  const f = suggestCell(meta, raw);
  if (f) return { note: `，应写成“${showValue(f.value, 60)}”`, fix: f.value };
  if (meta.type === 'date') {
    const d = excelSerialDate(trimAll(raw));
    if (d) return { note: `；如果这是 Excel 的日期序号，它是 ${d}（请把单元格格式设为“文本”后写成 ${d}）` };
  }
  return undefined;
}

/**
 * What else a row needs once its cells are corrected as proposed: the table's row rules, which
 * cannot run on a row with a cell that does not read, run on the row with the corrections
 * (整改完成 → 已整改 makes the completion date required). The text to append to the message
 * that proposes the correction (the last one, when the row has several), so the editor learns
 * of it in the same pass; '' when nothing more is needed. `record` holds the row's other cells,
 * read; the corrections must complete it.
 */
export function impliedNote(
  def: AnyTable,
  record: Readonly<Record<string, unknown>>,
  fixes: ReadonlyArray<{ column: string; value: string }>,
  context?: RuleContext,
): string {
  if (fixes.length === 0 || !def.rules) return '';
  const fixed: Record<string, unknown> = { ...record };
  for (const f of fixes) {
    const r = columnMetaOf(def, f.column)?.parse(f.value);
    if (!r?.ok) return '';
    fixed[f.column] = r.value;
  }
  if (columnNames(def).some((c) => !(c in fixed))) return '';
  const more = def.rules(fixed, context);
  if (more.length === 0) return '';
  const after = fixes.length === 1 ? `改为“${showValue(fixes[0]!.value, 60)}”后` : `这一行的 ${fixes.length} 处按建议改正后`;
  return `；${after}还要改${more.map((m) => `列 ${m.column}：${m.message}`).join('；')}`;
}

// ------------------------------------------------------------------------------ whole files

export type Delimiter = ',' | '\t' | ';';
/**
 * The separator of a file: a tab or a semicolon when the first line, split by it, gives at
 * least two of the table's column names or titles and splitting by commas does not.
 */
export function detectDelimiter(text: string, known: ReadonlySet<string>): Delimiter {
  const first = (text.split(/\r\n|\r|\n/, 1)[0] ?? '').replace(/^\ufeff/, '');
  const hits = (d: string) =>
    first
      .split(d)
      .map((c) => trimAll(c).replace(/^"|"$/g, ''))
      .filter((c) => known.has(c)).length;
  const comma = hits(',');
  for (const d of ['\t', ';'] as const) if (hits(d) >= 2 && hits(d) > comma) return d;
  return ',';
}

/** Column names and titles of a table, for recognising its header. */
export function headerWords(def: AnyTable): Set<string> {
  return new Set([...columnNames(def), ...titleMap(def).keys()]);
}

/** Chinese column titles of a table mapped to its column names (titles shared by two columns are left out). */
export function titleMap(def: AnyTable): Map<string, string> {
  const count = new Map<string, number>();
  const map = new Map<string, string>();
  for (const name of columnNames(def)) {
    const title = columnMetaOf(def, name)!.title;
    count.set(title, (count.get(title) ?? 0) + 1);
    map.set(title, name);
  }
  for (const [t, n] of count) if (n > 1) map.delete(t);
  return map;
}

export interface FileChange {
  line: number;
  /** Excel cell, e.g. "C17"; the header for header changes. */
  cell: string;
  column: string;
  from: string;
  to: string;
}

export interface FixedFile {
  /**
   * The corrected text, without a BOM: the file as read with each corrected cell replaced in
   * place. Every other character is kept, line ends and quotes included; a file separated by
   * tabs or semicolons has its separators (and only them, quoting a cell that holds a comma)
   * changed to commas.
   */
  text: string;
  changes: FileChange[];
  delimiter: Delimiter;
  /** Whether the separators were changed to commas (a file separated by tabs or semicolons whose header could be read). */
  commas: boolean;
  /** Lines of the records the reader could not read (broken quotes), kept exactly as written and not corrected. */
  kept: number[];
}

function quoteCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Applies every mechanical fix to one table's file and nothing else: every record read is
 * written back, in order, with only the corrected cells changed, each replaced at its own
 * place in the text. Records the validator rejects as a whole (wrong cell count, broken
 * quotes) get no cell corrections; a record the reader could not read at all (a broken quote)
 * is left exactly as written, so the validator still reports it. A file separated by tabs or
 * semicolons becomes comma-separated: the separators between cells change, no cell does.
 */
export function fixTableText(def: AnyTable, text: string): FixedFile {
  const expected = columnNames(def);
  const titles = titleMap(def);
  const delimiter = detectDelimiter(text, headerWords(def));
  const body = text.replace(/^\ufeff/, '');
  const { rows, blank, issues } = parseCsv(body, delimiter, { spans: true });
  // Records with a quote the reader had to guess around: their cells are not trusted for fixes.
  const broken = new Set(issues.map((i) => i.row));
  const kept = [...new Set(issues.map((i) => i.line))].sort((a, b) => a - b);
  const header = rows[0];
  // No header, a header with a broken quote, or a first line that could not be read (the
  // validator then takes a data row for the header): nothing is certain, so nothing is changed.
  if (!header || issues.some((i) => i.row <= header.line)) return { text: body, changes: [], delimiter, commas: false, kept };
  const convert = delimiter !== ',';
  /** Replacements of [start, end) of `body` that give the record's text with `fixed` cells replaced, re-joined with commas when converting. */
  const rewrite = (row: CsvRow, fixed: ReadonlyMap<number, string>): Array<{ start: number; end: number; text: string }> => {
    const spans = row.spans!;
    // A cell that was quoted stays quoted: the file keeps the same quote characters in the same
    // order, so a broken quote elsewhere is read the same way after the fix as before.
    const write = (k: number, v: string) => (body.charCodeAt(spans[k]![0]) === 34 ? `"${v.replace(/"/g, '""')}"` : quoteCell(v));
    if (!convert) return [...fixed].sort((x, y) => x[0] - y[0]).map(([k, v]) => ({ start: spans[k]![0], end: spans[k]![1], text: write(k, v) }));
    const cells = spans.map(([s, e], k) => {
      const v = fixed.get(k);
      if (v !== undefined) return write(k, v);
      const raw = body.slice(s, e);
      // A quoted cell reads the same with commas; an unquoted one needs quotes only if it holds a comma.
      return raw.startsWith('"') ? raw : quoteCell(row.cells[k]!);
    });
    return [{ start: row.start, end: row.end, text: cells.join(',') }];
  };

  const headerFixes = new Map<number, string>();
  const headerChanges: FileChange[] = [];
  const names = header.cells.map((raw, k) => {
    const t = trimAll(raw);
    const name = expected.includes(t) ? t : (titles.get(t) ?? t);
    if (name !== raw) {
      headerChanges.push({ line: header.line, cell: `${excelColumn(k)}${header.excelRow}`, column: name, from: raw, to: name });
      headerFixes.set(k, name);
    }
    return name;
  });
  const metas = names.map((n) => (expected.includes(n) ? columnMetaOf(def, n) : undefined));
  const records = [...rows.slice(1), ...blank].sort((a, b) => a.start - b.start);
  /** Each record's corrections by cell, with whether the cell was written in quotes. */
  const proposed = new Map<CsvRow, Array<{ k: number; value: string; change: FileChange; quoted: boolean }>>();
  for (const row of records) {
    if (broken.has(row.line) || row.cells.length !== names.length || row.cells.every((c) => c === '')) continue;
    const list = row.cells.flatMap((raw, k) => {
      const meta = metas[k];
      const f = meta && suggestCell(meta, raw);
      if (!f) return [];
      const change = { line: row.line, cell: `${excelColumn(k)}${row.excelRow}`, column: names[k]!, from: raw, to: f.value };
      return [{ k, value: f.value, change, quoted: body.charCodeAt(row.spans![k]![0]) === 34 }];
    });
    // A record whose every cell would be empty (spaces trimmed away) would stop being a record.
    if (list.length > 0 && row.cells.some((c, k) => (list.find((x) => x.k === k)?.value ?? c) !== '')) proposed.set(row, list);
  }

  /** The file with the corrections `use` lets through. */
  const render = (use: (fix: { quoted: boolean }) => boolean) => {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const changes = [...headerChanges];
    edits.push(...rewrite(header, headerFixes));
    for (const row of records) {
      if (broken.has(row.line)) continue; // kept as written
      const fixed = new Map<number, string>();
      for (const f of proposed.get(row) ?? []) {
        if (!use(f)) continue;
        fixed.set(f.k, f.value);
        changes.push(f.change);
      }
      edits.push(...rewrite(row, fixed));
    }
    let out = '';
    let at = 0;
    for (const e of edits) {
      out += body.slice(at, e.start) + e.text;
      at = e.end;
    }
    return { text: out + body.slice(at), changes: changes.sort((a, b) => a.line - b.line) };
  };
  // Where the reader had to recover from a broken quote, a correction inside a quoted cell can
  // change which quote closes the broken one (trimming " 文字" to a value that starts with a
  // quote, say), and so how the rest of the file reads. The fixed file is read again: if any
  // record, cell (but the corrected ones) or broken quote is not where it was, only the
  // corrections of unquoted cells are made, and failing that none.
  let result = render(() => true);
  if (issues.length > 0 && !convert) {
    for (const use of [(f: { quoted: boolean }) => !f.quoted, () => false]) {
      if (sameRecords(body, result.text, result.changes, delimiter)) break;
      result = render(use);
    }
  }
  return { ...result, delimiter, commas: convert, kept };
}

/**
 * Whether `after` holds the records of `before` in the same order, with the same cells but the
 * `changes`, and the same broken quotes at the same places (lines shift only where a change
 * took a line break out of a cell).
 */
function sameRecords(before: string, after: string, changes: readonly FileChange[], delimiter: Delimiter): boolean {
  const a = parseCsv(before, delimiter);
  const b = parseCsv(after, delimiter);
  const breaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
  const removed = changes.map((c) => ({ line: c.line, n: breaks(c.from) - breaks(c.to) })).filter((c) => c.n !== 0);
  const shift = (line: number) => line - removed.reduce((n, c) => (c.line < line ? n + c.n : n), 0);
  const to = new Map(changes.map((c) => [`${c.line}:${c.cell.replace(/\d+$/, '')}`, c.to]));
  if (a.rows.length !== b.rows.length || a.blank.length !== b.blank.length || a.issues.length !== b.issues.length) return false;
  const rowsSame = a.rows.every((r, i) => {
    const s = b.rows[i]!;
    return (
      s.line === shift(r.line) &&
      s.excelRow === r.excelRow &&
      s.cells.length === r.cells.length &&
      r.cells.every((c, k) => s.cells[k] === (to.get(`${r.line}:${excelColumn(k)}`) ?? c))
    );
  });
  const blankSame = a.blank.every((r, i) => b.blank[i]!.excelRow === r.excelRow);
  const issuesSame = a.issues.every((x, i) => {
    const y = b.issues[i]!;
    return y.kind === x.kind && y.line === shift(x.line) && y.row === shift(x.row) && y.cell === x.cell;
  });
  return rowsSame && blankSame && issuesSame;
}

/** UTF-8 with a byte-order mark, as Excel opens it without mojibake. */
export function excelBytes(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
