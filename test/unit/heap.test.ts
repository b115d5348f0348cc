/**
 * The heap's growth for a large data set (src/build/heap.ts): fixed at double from 100,000
 * rows, at 30 % from half a million rows on, left to V8 below, and fixed by the data check of a
 * build only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapGrowingPercent, LARGE_DATASET_ROWS, MEDIUM_DATASET_ROWS } from '../../src/build/heap.ts';
import { ROOT } from '../helpers/paths.ts';

describe('the heap of a build', () => {
  it('grows by a fixed 30 % from half a million rows on, by 100 % from 100,000, and as V8 sizes it below', () => {
    expect([MEDIUM_DATASET_ROWS, LARGE_DATASET_ROWS]).toEqual([100_000, 500_000]);
    expect(heapGrowingPercent(0)).toBeUndefined();
    expect(heapGrowingPercent(99_999)).toBeUndefined();
    expect(heapGrowingPercent(100_000)).toBe(100);
    expect(heapGrowingPercent(160_221)).toBe(100);
    expect(heapGrowingPercent(499_999)).toBe(100);
    expect(heapGrowingPercent(500_000)).toBe(30);
    expect(heapGrowingPercent(1_602_270)).toBe(30);
  });

  it('is sized by the data check of a build, with the rows it checked, and not by the dev server', () => {
    const src = readFileSync(join(ROOT, 'src/integrations/validate-data.ts'), 'utf8');
    expect(src).toMatch(
      /const rows = \[\.\.\.d\.tables\.values\(\)\]\.reduce\(\(n, t\) => n \+ t\.rows\.length, 0\);\s*\/\/[^\n]*\n\s*if \(command === 'build'\) sizeHeapFor\(rows\);/,
    );
  });
});
