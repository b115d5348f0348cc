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
  return [...jsonRecordPieces(columns, records)].join('');
}

/**
 * The JSON download in pieces of a few hundred records: together the text of
 * `JSON.stringify(records, null, 1)` and a newline, without the whole text ever being one string
 * (a million ratings are 300 MB of JSON).
 */
export function* jsonRecordPieces(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>, size = 500): Generator<string> {
  if (records.length === 0) {
    yield '[]\n';
    return;
  }
  for (let i = 0; i < records.length; i += size) {
    const texts = records.slice(i, i + size).map((rec) => {
      const out = Object.fromEntries(columns.map((c) => [c, rec[c] === undefined ? null : rec[c]]));
      // One level deeper than a record's own text: JSON escapes every line break inside a value.
      return ` ${JSON.stringify(out, null, 1).replaceAll('\n', '\n ')}`;
    });
    yield `${i === 0 ? '[\n' : ',\n'}${texts.join(',\n')}`;
  }
  yield '\n]\n';
}

/**
 * A download's response written from its pieces as it is read, so that no step holds its text
 * as one string. Astro's build reads a response's bytes whole (`arrayBuffer()`) to write its file:
 * here that joins the pieces straight into one buffer (joinPieces), where the platform's would
 * hold every piece, then the bytes joined, then a copy of those (three times a download of
 * 300 MB at P). Anyone who reads the body as a stream gets the pieces as they are made.
 */
export function piecesResponse(pieces: Iterable<string | Uint8Array>, contentType: string): Response {
  return new PiecesResponse(pieces, contentType);
}

/** The most bytes joinPieces joins: address space set aside, not memory (the buffer's pages are taken as they are written). */
export const MAX_JOINED_BYTES = 2 ** 36;

/**
 * Pieces joined into one buffer that grows where it is (a resizable ArrayBuffer): each piece is
 * encoded straight into it, so the bytes are held once, with no copy when it grows.
 */
export function joinPieces(pieces: Iterable<string | Uint8Array>): ArrayBuffer {
  const joined = new ArrayBuffer(0, { maxByteLength: MAX_JOINED_BYTES });
  const encoder = new TextEncoder();
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      // A UTF-16 code unit is at most three bytes of UTF-8.
      joined.resize(at + piece.length * 3);
      at += encoder.encodeInto(piece, new Uint8Array(joined, at)).written;
    } else {
      joined.resize(at + piece.byteLength);
      new Uint8Array(joined, at).set(piece);
      at += piece.byteLength;
    }
  }
  joined.resize(at);
  return joined;
}

class PiecesResponse extends Response {
  readonly #source: { pieces: Iterator<string | Uint8Array>; started: boolean };

  constructor(pieces: Iterable<string | Uint8Array>, contentType: string) {
    const source = { pieces: pieces[Symbol.iterator](), started: false };
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          source.started = true;
          const next = source.pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
        },
      },
      // No piece is made before someone reads: arrayBuffer() can still take them all.
      { highWaterMark: 0 },
    );
    super(body, { headers: { 'Content-Type': contentType } });
    this.#source = source;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#source.started || this.bodyUsed) return super.arrayBuffer();
    this.#source.started = true;
    const rest = this.#source.pieces;
    return Promise.resolve(joinPieces({ [Symbol.iterator]: () => rest }));
  }
}

/** Writes typed records back to CSV (UTF-8, LF), e.g. one indicator's observations. */
export function toCsv(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>): string {
  const cell = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : String(v));
  const lines = [columns.join(','), ...records.map((r) => columns.map((c) => quoteCsv(cell(r[c]))).join(','))];
  return `${lines.join('\n')}\n`;
}
