/**
 * A strict RFC 4180 CSV reader that remembers the physical line every row starts on and
 * recovers from broken quotes, so that one mistake produces one message instead of
 * swallowing the rest of the file. (PapaParse, which the site uses elsewhere, folds
 * everything after a malformed quote into one cell, which would hide later errors from the
 * editor; it is used in the tests as an independent reader.)
 */

export interface CsvRow {
  /** Physical line (1-based) on which the row starts, counting line breaks inside quotes. */
  line: number;
  /** Row number in Excel (1-based; a record with line breaks inside quotes is one row, blank rows count). */
  excelRow: number;
  cells: string[];
}

export interface CsvSyntaxIssue {
  line: number;
  kind: 'unclosed-quote' | 'text-after-quote' | 'quote-in-unquoted';
  /** The cell text read so far, for the message. */
  value: string;
  /** 0-based index of the cell in its row. */
  cell: number;
}

export interface CsvParseResult {
  rows: CsvRow[];
  issues: CsvSyntaxIssue[];
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** `delimiter`: ',' for CSV; a tab or ';' for files Excel saved as text or with a European list separator. */
export function parseCsv(text: string, delimiter = ','): CsvParseResult {
  const COMMA = delimiter.charCodeAt(0);
  const rows: CsvRow[] = [];
  const issues: CsvSyntaxIssue[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let excelRow = 0;

  while (i < n) {
    excelRow++;
    const rowLine = line;
    const rowStart = i;
    const cells: string[] = [];
    let cell = '';
    let restartAfter: number | undefined;
    // Parse one row.
    for (;;) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      let c = text.charCodeAt(i);
      if (c === QUOTE && cell === '') {
        // Quoted cell.
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              cell += '"';
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
              cell += '\r\n';
              i += 2;
              continue;
            }
          } else if (c === LF) line++;
          cell += text[i];
          i++;
        }
        if (!closed) {
          issues.push({ line: quoteLine, kind: 'unclosed-quote', value: cell.split(/\r?\n|\r/)[0] ?? '', cell: cells.length });
          // Recover: drop this row and read on from the line after the one the quote opened on.
          restartAfter = quoteLine;
          break;
        }
        // After a closing quote only a comma, a line break or the end may follow.
        c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          issues.push({ line, kind: 'text-after-quote', value: `"${cell}"${text.slice(i, Math.min(n, i + 10)).split(delimiter === ',' ? /[\r\n,]/ : new RegExp(`[\r\n${delimiter}]`))[0]}`, cell: cells.length });
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) break;
            cell += text[i];
            i++;
          }
        }
        continue;
      }
      if (c === COMMA) {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        cells.push(cell);
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (c === QUOTE) {
        // A quote inside an unquoted cell: report once per cell, keep the character.
        if (!issues.some((x) => x.line === line && x.cell === cells.length && x.kind === 'quote-in-unquoted')) {
          const end = text.slice(i).search(delimiter === ',' ? /[,\r\n]/ : new RegExp(`[${delimiter}\r\n]`));
          issues.push({ line, kind: 'quote-in-unquoted', value: cell + text.slice(i, end < 0 ? n : i + end), cell: cells.length });
        }
      }
      cell += text[i];
      i++;
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
    // Rows whose every cell is empty (blank lines, rows Excel leaves behind) carry no record.
    if (cells.some((x) => x !== '')) rows.push({ line: rowLine, excelRow, cells });
  }
  return { rows, issues };
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
