/**
 * Download encoders. The plain CSV is the file in git, byte for byte. The "CSV for Excel"
 * variant (src/lib/publishing/excel-csv.ts) is what opens correctly when a journalist double-clicks it:
 * UTF-8 with a BOM (so Excel does not read it as GBK), CRLF line ends, and cells neutralised
 * against formula injection.
 */

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
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
