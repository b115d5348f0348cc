import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinPieces, jsonRecordPieces, piecesResponse, toJsonRecords } from '../../src/lib/publishing/downloads.ts';

// The CSV for Excel is tested in excel-csv.test.ts.

describe('JSON download', () => {
  it('keeps every column, with null for empty cells', () => {
    expect(JSON.parse(toJsonRecords(['a', 'b', 'c'], [{ a: 1, c: ['水', '大气'] }]))).toEqual([{ a: 1, b: null, c: ['水', '大气'] }]);
  });
});

describe('JSON download in pieces', () => {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.string({ unit: fc.constantFrom('a', '东', '\n', '\r', '"', '\\', '\u2028', ' ', '\t') }),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  );
  const columns = ['a', 'b', 'c'];
  const records = fc.array(fc.record({ a: value, b: value, c: value }, { requiredKeys: [] }), { maxLength: 12 });

  it('are together the text of JSON.stringify(records, null, 1) and a newline, at any piece size (property)', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 5 }), (recs, size) => {
        const typed = recs.map((r) => Object.fromEntries(columns.map((c) => [c, r[c as keyof typeof r] ?? null])));
        expect([...jsonRecordPieces(columns, recs, size)].join('')).toBe(`${JSON.stringify(typed, null, 1)}\n`);
      }),
      { numRuns: 500 },
    );
    expect(toJsonRecords(columns, [])).toBe('[]\n');
    expect([
      ...jsonRecordPieces(
        columns,
        Array.from({ length: 1200 }, () => ({ a: 1 })),
      ),
    ]).toHaveLength(3 + 1);
  });

  it('are written to the response in order, strings as UTF-8 and bytes as they are', async () => {
    const res = piecesResponse(['东', new TextEncoder().encode('西'), '', '"\n'], 'application/json; charset=utf-8');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('东西"\n');
  });

  const piece = fc.oneof(fc.string({ unit: fc.constantFrom('a', '东', '𠀋', '\n', '"', '\uFEFF') }), fc.uint8Array({ maxLength: 8 }));
  const utf8 = (pieces: Array<string | Uint8Array>) => Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

  it('are joined into one buffer holding exactly their bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const joined = joinPieces(pieces);
        expect(Buffer.from(joined).equals(utf8(pieces))).toBe(true);
        expect(joined.byteLength).toBe(utf8(pieces).length);
      }),
      { numRuns: 500 },
    );
  });

  it('give Astro their bytes joined once, without making a piece for the stream first, and the same bytes to a reader of the stream', async () => {
    const made: string[] = [];
    function* pieces() {
      for (const p of ['[\n', ' {"名称": "鼓山镇印染厂"}', '\n]\n']) {
        made.push(p);
        yield p;
      }
    }
    const res = piecesResponse(pieces(), 'application/json; charset=utf-8');
    // Nothing is made before it is asked for (a stream that filled its queue would have taken a piece).
    await new Promise((r) => setTimeout(r, 0));
    expect(made).toEqual([]);
    const joined = await res.arrayBuffer();
    // A resizable buffer is the joined one: the platform's arrayBuffer() gives a fixed one, copied from the pieces it holds.
    expect(joined.resizable).toBe(true);
    expect(JSON.parse(Buffer.from(joined).toString())).toEqual([{ 名称: '鼓山镇印染厂' }]);
    const streamed = piecesResponse(pieces(), 'application/json');
    expect(await streamed.text()).toBe('[\n {"名称": "鼓山镇印染厂"}\n]\n');
    // Once the stream has begun, arrayBuffer() is the platform's: a body already read from cannot be read whole.
    const begun = piecesResponse(pieces(), 'application/json');
    const reader = begun.body!.getReader();
    const first = await reader.read();
    reader.releaseLock();
    expect(Buffer.from(first.value!).toString()).toBe('[\n');
    await expect(begun.arrayBuffer()).rejects.toThrow(/already been read/);
  });
});
