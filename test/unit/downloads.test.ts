import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonRecordPieces, piecesResponse, toJsonRecords } from '../../src/lib/publishing/downloads.ts';

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
});
