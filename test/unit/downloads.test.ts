import { describe, expect, it } from 'vitest';
import { toJsonRecords } from '../../src/lib/publishing/downloads.ts';

// The CSV for Excel is tested in excel-csv.test.ts.

describe('JSON download', () => {
  it('keeps every column, with null for empty cells', () => {
    expect(JSON.parse(toJsonRecords(['a', 'b', 'c'], [{ a: 1, c: ['水', '大气'] }]))).toEqual([{ a: 1, b: null, c: ['水', '大气'] }]);
  });
});
