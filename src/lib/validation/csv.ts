/**
 * A strict RFC 4180 CSV reader that remembers the physical line every row starts on and
 * recovers from broken quotes, so that one mistake produces one message instead of
 * swallowing the rest of the file. (PapaParse, which the site uses elsewhere, folds
 * everything after a malformed quote into one cell, which would hide later errors from the
 * editor; it is used in the tests as an independent reader.)
 *
 * A quote that opens a cell and is never closed, or that is closed only lines later where the
 * record then fails (text after the closing quote, or a wrong number of cells while the lines
 * it swallowed look like rows of their own), is reported at the line where it opened; that
 * record is left out and reading goes on from the next line, so the rows it swallowed are
 * read and checked as rows.
 */

export interface CsvRow {
  /** Physical line (1-based) on which the row starts, counting line breaks inside quotes. */
  line: number;
  /** Row number in Excel (1-based; a record with line breaks inside quotes is one row, blank rows count). */
  excelRow: number;
  cells: string[];
  /** Offset in the text of the record's first character. */
  start: number;
  /** Offset just past the record's last cell (where its line break, if any, begins). */
  end: number;
  /** With `{ spans: true }`: each cell's [start, end) offsets in the text, its quotes included. */
  spans?: Array<[number, number]>;
}

export interface CsvSyntaxIssue {
  /** The line to name: where the broken quote opened, or where the misplaced quote is. */
  line: number;
  /** The line on which the record holding the mistake starts. */
  row: number;
  kind: 'unclosed-quote' | 'runaway-quote' | 'text-after-quote' | 'quote-in-unquoted';
  /** The cell text read so far, for the message. */
  value: string;
  /** 0-based index of the cell in its row. */
  cell: number;
  /** runaway-quote: the line on which the quoted cell was closed and the record failed. */
  endLine?: number;
  /** runaway-quote: how the record failed there. */
  failure?: 'text-after-quote' | 'cell-count';
  /** runaway-quote with failure 'cell-count': the cells the record had, and the header's. */
  count?: number;
  width?: number;
}

export interface CsvParseResult {
  /** Records with at least one non-empty cell, in file order (the first is the header). */
  rows: CsvRow[];
  /** Records whose every cell is empty (blank lines, rows Excel leaves behind): no data, but they count. */
  blank: CsvRow[];
  issues: CsvSyntaxIssue[];
}

export interface CsvOptions {
  /** Record each cell's offsets (`CsvRow.spans`), for writing corrections back in place. */
  spans?: boolean;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Whether one physical line, split naively at the delimiter, has `width` cells: a line that looks like a row. */
function looksLikeRow(line: string, delimiter: string, width: number): boolean {
  return line.split(delimiter).length === width;
}

/** Code units passed to String.fromCharCode at once, at most (an engine limits a call's arguments). */
const CODES_AT_ONCE = 8192;

/**
 * A cell's text from its UTF-16 code units. Built once from the codes, a cell is a string of its
 * own (no view of the file's text keeps the whole file alive) and of one byte a character when
 * it has only Latin-1 characters (a code, a date or a web address in a file that also holds
 * Chinese); adding one character at a time made an engine's chain of pieces per cell (P's
 * ratings: 1.6 GB while they were read, three times as long).
 */
export function textOfCodes(codes: number[]): string {
  if (codes.length === 0) return '';
  if (codes.length <= CODES_AT_ONCE) return String.fromCharCode.apply(null, codes);
  let out = '';
  for (let k = 0; k < codes.length; k += CODES_AT_ONCE) out += String.fromCharCode.apply(null, codes.slice(k, k + CODES_AT_ONCE));
  return out;
}

/** `delimiter`: ',' for CSV; a tab or ';' for files Excel saved as text or with a European list separator. */
export function parseCsv(text: string, delimiter = ',', options: CsvOptions = {}): CsvParseResult {
  const out = { blank: [] as CsvRow[], issues: [] as CsvSyntaxIssue[] };
  const rows = [...csvRecords(text, delimiter, options, out)];
  return { rows, blank: out.blank, issues: out.issues };
}

/**
 * The records of parseCsv one at a time, as they are read, so that a large table need not be
 * held as cells whole (the validator checks each row as it comes). Blank records go to
 * `out.blank`; each syntax issue goes to `out.issues` before the record it belongs to is given
 * (a record whose quote is broken is not given at all, or given with its issue already there).
 */
export function* csvRecords(
  text: string,
  delimiter: string,
  options: CsvOptions,
  out: { blank: CsvRow[]; issues: CsvSyntaxIssue[] },
): Generator<CsvRow, void, undefined> {
  const COMMA = delimiter.charCodeAt(0);
  const { blank, issues } = out;
  const n = text.length;
  let i = 0;
  let line = 1;
  let excelRow = 0;
  /** The header's cell count, once it is read: a record swallowed by a runaway quote is told by it. */
  let width: number | undefined;
  const stop = delimiter === ',' ? /[\r\n,]/ : new RegExp(`[\r\n${delimiter}]`);
  /** The current cell's code units so far (textOfCodes). */
  const cell: number[] = [];

  while (i < n) {
    excelRow++;
    const rowLine = line;
    const rowStart = i;
    const cells: string[] = [];
    const spans: Array<[number, number]> | undefined = options.spans ? [] : undefined;
    /** Where the row's last cell ended so far. */
    let lastEnd = i;
    cell.length = 0;
    let cellStart = i;
    /** Whether a quote inside this unquoted cell has been reported (once per cell). */
    let strayReported = false;
    let restartAfter: number | undefined;
    /** The first quoted cell of this record that ran over more than one line. */
    let multi: { line: number; cell: number; value: string; endLine: number; quoteAt: number } | undefined;
    const endCell = () => {
      cells.push(textOfCodes(cell));
      spans?.push([cellStart, i]);
      lastEnd = i;
    };
    // Parse one row.
    for (;;) {
      if (i >= n) {
        endCell();
        break;
      }
      let c = text.charCodeAt(i);
      if (c === QUOTE && i === cellStart) {
        // Quoted cell.
        const quoteLine = line;
        const quoteAt = i;
        i++;
        let closed = false;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              cell.push(QUOTE);
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === CR) {
            line++;
            if (text.charCodeAt(i + 1) === LF) {
              cell.push(CR, LF);
              i += 2;
              continue;
            }
          } else if (c === LF) line++;
          cell.push(c);
          i++;
        }
        const firstLine = textOfCodes(cell).split(/\r\n|\r|\n/)[0] ?? '';
        if (!closed) {
          issues.push({ line: quoteLine, row: rowLine, kind: 'unclosed-quote', value: firstLine, cell: cells.length });
          // Recover: drop this row and read on from the line after the one the quote opened on.
          restartAfter = quoteLine;
          break;
        }
        if (line > quoteLine && multi === undefined) multi = { line: quoteLine, cell: cells.length, value: firstLine, endLine: line, quoteAt };
        // After a closing quote only a comma, a line break or the end may follow.
        c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          if (line > quoteLine && width !== undefined) {
            // The quote ran over lines and the record fails where it closed: the quote that
            // opened it is the likely mistake, and the lines it swallowed are rows.
            issues.push({
              line: quoteLine,
              row: rowLine,
              kind: 'runaway-quote',
              value: firstLine,
              cell: cells.length,
              endLine: line,
              failure: 'text-after-quote',
            });
            restartAfter = quoteLine;
            break;
          }
          issues.push({
            line,
            row: rowLine,
            kind: 'text-after-quote',
            value: `"${textOfCodes(cell)}"${text.slice(i, Math.min(n, i + 10)).split(stop)[0]}`,
            cell: cells.length,
          });
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) break;
            cell.push(c);
            i++;
          }
        }
        continue;
      }
      if (c === COMMA) {
        endCell();
        cell.length = 0;
        i++;
        cellStart = i;
        strayReported = false;
        continue;
      }
      if (c === LF || c === CR) {
        endCell();
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (c === QUOTE) {
        // A quote inside an unquoted cell: report once per cell, keep the character.
        if (!strayReported) {
          strayReported = true;
          const end = text.slice(i).search(stop);
          issues.push({ line, row: rowLine, kind: 'quote-in-unquoted', value: textOfCodes(cell) + text.slice(i, end < 0 ? n : i + end), cell: cells.length });
        }
      }
      cell.push(c);
      i++;
    }

    if (restartAfter === undefined && multi !== undefined && width !== undefined && cells.length !== width) {
      // A wrong cell count in a record with a cell over several lines: a runaway quote when the
      // line it opened on, its quote taken for a stray one, or a line it swallowed whole (not
      // the one it closed on) reads as a row of its own. (The cell is the record's first over
      // several lines, so the record starts on the line the quote opened on, and the lines it
      // swallowed whole hold no quote but doubled ones.)
      const recordEnd = lastEnd;
      const [opening, ...swallowed] = text
        .slice(multi.quoteAt, recordEnd)
        .split(/\r\n|\r|\n/)
        .slice(0, multi.endLine - multi.line);
      if (multi.cell + opening!.split(delimiter).length === width || swallowed.some((l) => looksLikeRow(l, delimiter, width!))) {
        issues.push({
          line: multi.line,
          row: rowLine,
          kind: 'runaway-quote',
          value: multi.value,
          cell: multi.cell,
          endLine: multi.endLine,
          failure: 'cell-count',
          count: cells.length,
          width,
        });
        restartAfter = multi.line;
      }
    }

    if (restartAfter !== undefined) {
      // Skip to the start of the line after restartAfter.
      i = rowStart;
      line = rowLine;
      while (i < n && line <= restartAfter) {
        const c = text.charCodeAt(i);
        if (c === LF) line++;
        else if (c === CR) {
          line++;
          if (text.charCodeAt(i + 1) === LF) i++;
        }
        i++;
      }
      continue;
    }
    const row: CsvRow = { line: rowLine, excelRow, cells, start: rowStart, end: lastEnd };
    if (spans) row.spans = spans;
    // Rows whose every cell is empty (blank lines, rows Excel leaves behind) carry no record.
    if (cells.some((x) => x !== '')) {
      width ??= cells.length;
      yield row;
    } else blank.push(row);
  }
}

/**
 * The cells of one record's text (one of recordTexts) as parseCsv reads it, a blank record's
 * included; undefined when the reader finds it broken or more than one record. Without a quote or
 * a line break inside (a CR at its end aside), a record's cells are what lies between the
 * delimiters: most records of a large table, read so without the reader (the history's versions,
 * the CSV for Excel).
 */
export function recordCells(t: string, delimiter = ','): string[] | undefined {
  const body = t.endsWith('\r') ? t.slice(0, -1) : t;
  if (!body.includes('"') && !body.includes('\r') && !body.includes('\n')) return body.split(delimiter);
  const r = parseCsv(t, delimiter);
  if (r.issues.length > 0 || r.rows.length + r.blank.length > 1) return undefined;
  return r.rows[0]?.cells ?? r.blank[0]?.cells ?? [];
}

/**
 * The text of each record of a CSV text: split at the LF line breaks outside quotes (a CR
 * before one stays at the end of its record). Undefined when the quotes do not balance (then
 * only reading the whole text recovers as the validator does). Lets a large table be read one
 * record at a time: the history's versions, the CSV for Excel.
 */
export function recordTexts(text: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  let q = text.indexOf('"');
  let nl = text.indexOf('\n');
  while (nl !== -1) {
    if (q !== -1 && q < nl) {
      quoted = !quoted;
      q = text.indexOf('"', q + 1);
      continue;
    }
    if (!quoted) {
      out.push(text.slice(start, nl));
      start = nl + 1;
    }
    nl = text.indexOf('\n', nl + 1);
  }
  for (; q !== -1; q = text.indexOf('"', q + 1)) quoted = !quoted;
  if (quoted) return undefined;
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * The text of a CSV file's bytes in pieces of about `size` bytes, each cut just after a record
 * (an LF outside quotes; quotes counted as `recordTexts` counts them), so that a table of a
 * million rows is never decoded into one string. A leading BOM is dropped. When the quotes do
 * not balance, the rest from the last cut is one piece (`recordTexts` then says undefined).
 */
export function* csvTextPieces(bytes: Uint8Array, size = 1 << 20): Generator<string> {
  // No BOM is dropped inside a piece: a cell may start with U+FEFF.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let quoted = false;
  let q = bytes.indexOf(QUOTE, start);
  while (start < bytes.length) {
    let nl = bytes.indexOf(LF, start + Math.max(1, size) - 1);
    for (;;) {
      while (q !== -1 && (nl === -1 || q < nl)) {
        quoted = !quoted;
        q = bytes.indexOf(QUOTE, q + 1);
      }
      if (nl === -1 || !quoted) break;
      nl = bytes.indexOf(LF, nl + 1);
    }
    const end = nl === -1 ? bytes.length : nl + 1;
    yield decoder.decode(bytes.subarray(start, end));
    start = end;
  }
}

/** Spreadsheet column letter (A, B, …, Z, AA, …) for a 0-based index. */
export function excelColumn(index: number): string {
  let s = '';
  let k = index + 1;
  while (k > 0) {
    const r = (k - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    k = Math.floor((k - 1) / 26);
  }
  return s;
}
