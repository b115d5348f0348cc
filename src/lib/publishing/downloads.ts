/**
 * Download encoders. The plain CSV is the file in git, byte for byte. The "CSV for Excel"
 * variant (src/lib/publishing/excel-csv.ts) is what opens correctly when a journalist double-clicks it:
 * UTF-8 with a BOM (so Excel does not read it as GBK), CRLF line ends, and cells neutralised
 * against formula injection.
 */
import { excelCsvPieces, type ExcelColumns } from './excel-csv.ts';

function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** JSON download: typed records, with every column present (null for an empty cell). */
export function toJsonRecords(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  return [...jsonRecordPieces(columns, records)].join('');
}

/**
 * The JSON download in pieces of a few hundred records: together the text of
 * `JSON.stringify(records, null, 1)` and a newline, without the whole text ever being one string
 * (a million ratings are 300 MB of JSON).
 */
export function* jsonRecordPieces(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>, size = 500): Generator<string> {
  for (let i = 0; i < records.length; i += size) yield jsonRecordsText(columns, records.slice(i, i + size), i === 0);
  yield jsonEnd(records.length > 0);
}

/**
 * The JSON download's text for some of its records, the first of them opening the array: the
 * texts of consecutive records, however they are grouped, joined, then jsonEnd, are the whole
 * download (the build's thread is sent the records a group at a time, src/build/downloads-worker.ts).
 */
export function jsonRecordsText(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>, first: boolean): string {
  if (records.length === 0) return '';
  const texts = records.map((rec) => {
    const out = Object.fromEntries(columns.map((c) => [c, rec[c] === undefined ? null : rec[c]]));
    // One level deeper than a record's own text: JSON escapes every line break inside a value.
    return ` ${JSON.stringify(out, null, 1).replaceAll('\n', '\n ')}`;
  });
  return `${first ? '[\n' : ',\n'}${texts.join(',\n')}`;
}

/** What ends the JSON download, after some records or none. */
export const jsonEnd = (anyRecords: boolean): string => (anyRecords ? '\n]\n' : '[]\n');

/**
 * What a download is written from: its bytes as they are (a plain CSV), a CSV to re-encode for
 * Excel, or typed records for JSON. The build hands this to a thread of its own
 * (src/build/downloads.ts), the dev server writes its pieces (downloadPieces); both encode with
 * the functions here.
 */
export type DownloadContent =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'excel-csv'; csv: Uint8Array; columns: ExcelColumns }
  | { kind: 'json'; columns: readonly string[]; records: ReadonlyArray<Record<string, unknown>> };

/** A download's text in pieces. */
export function downloadPieces(content: DownloadContent): Iterable<string | Uint8Array> {
  switch (content.kind) {
    case 'bytes':
      return [content.bytes];
    case 'excel-csv':
      return excelCsvPieces(content.csv, content.columns);
    case 'json':
      return jsonRecordPieces(content.columns, content.records);
  }
}

/**
 * A download's response written from its pieces as it is read, so that no step holds its text
 * as one string (Astro still joins the bytes into one buffer to write the file).
 */
export function piecesResponse(pieces: Iterable<string | Uint8Array>, contentType: string): Response {
  const it = pieces[Symbol.iterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = it.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
  });
  return new Response(body, { headers: { 'Content-Type': contentType } });
}

/** Writes typed records back to CSV (UTF-8, LF), e.g. one indicator's observations. */
export function toCsv(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  const cell = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : String(v));
  const lines = [columns.join(','), ...records.map((r) => columns.map((c) => quoteCsv(cell(r[c]))).join(','))];
  return `${lines.join('\n')}\n`;
}
