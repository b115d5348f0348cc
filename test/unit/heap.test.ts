/**
 * The heap's growth for a large data set (src/build/heap.ts): fixed at double from 100,000
 * rows, at 30 % from half a million rows on, left to V8 below, and fixed by the data check of a
 * build only; no pretenuring in a build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AFTER_PAGES_HEAP_GROWING_PERCENT, heapGrowingPercent, LARGE_DATASET_ROWS, MEDIUM_DATASET_ROWS } from '../../src/build/heap.ts';
import { execFileSync } from 'node:child_process';
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
    expect(src).toMatch(/const rowCount = \(d: [^)]*\): number => \[\.\.\.d\.tables\.values\(\)\]\.reduce\(\(n, t\) => n \+ t\.rows\.length, 0\);/);
    expect(src).toMatch(/const rows = rowCount\(d\);\s*\/\/[^\n]*\n\s*if \(command === 'build'\) sizeHeapFor\(rows\);/);
  });

  it('learns no allocation site as long-lived once a build has begun, from the data check on', () => {
    // Objects of one site that outlive young collections: V8 decides to allocate them old, and
    // says so with --trace-pretenuring-statistics. In processes of their own: the flag holds for a process.
    const workload = [
      'const make = (i) => ({ i, s: `v${i}`, list: [i, i + 1] });',
      'let keep = [];',
      'for (let round = 0; round < 30; round++) {',
      '  for (let i = 0; i < 200_000; i++) keep.push(make(i));',
      '  if (keep.length > 1_000_000) keep = [];',
      '}',
    ];
    const decisions = (stop: boolean) =>
      execFileSync(
        process.execPath,
        [
          '--trace-pretenuring-statistics',
          '--input-type=module',
          '-e',
          [...(stop ? ["import { stopPretenuring } from './src/build/heap.ts';", 'stopPretenuring();'] : []), ...workload].join('\n'),
        ],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      )
        .split('\n')
        .filter((l) => l.includes('pretenuring:'));
    expect(decisions(false).some((l) => /=> (maybe )?tenure/.test(l))).toBe(true);
    expect(decisions(true)).toEqual([]);
    const src = readFileSync(join(ROOT, 'src/integrations/validate-data.ts'), 'utf8');
    expect(src).toMatch(/if \(command === 'build'\) stopPretenuring\(\);/);
    expect(src.indexOf('stopPretenuring();')).toBeLessThan(src.indexOf('const d = validatedDataset();'));
  });

  it('once the pages are written, collects and grows by 10 % for a data set whose growth was fixed, and leaves a town’s alone', () => {
    // In a process of its own: the flags hold for the rest of a process.
    const script = [
      "import { settleHeapAfterPages } from './src/build/heap.ts';",
      'const small = settleHeapAfterPages(99_999);',
      'const large = settleHeapAfterPages(600_000);',
      'console.log(JSON.stringify({ small: small ?? null, large, gcInBuild: typeof globalThis.gc }));',
    ].join('\n');
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
      small: null;
      large: { before: number; after: number };
      gcInBuild: string;
    };
    expect(out.small).toBeNull();
    expect(out.large.before).toBeGreaterThan(0);
    expect(out.large.after).toBeGreaterThan(0);
    // The collector is called, not handed to the build's own code.
    expect(out.gcInBuild).toBe('undefined');
    expect(AFTER_PAGES_HEAP_GROWING_PERCENT).toBe(10);
  });

  it('is settled by the first step after the pages, before the wait for the downloads and every step that reads the output', () => {
    const src = readFileSync(join(ROOT, 'src/integrations/validate-data.ts'), 'utf8');
    expect(src).toMatch(/'astro:build:done': \([^)]*\) => \{\s*const settled = settleHeapAfterPages\(rowCount\(validatedDataset\(\)\)\);/);
    const config = readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8');
    const at = (call: string) => config.indexOf(`    ${call},`);
    for (const later of ['downloads({ onWritten: copies.written })', 'incremental()', 'pagefind()', 'recordIndex()', 'sizeReport()', 'copies.hosting']) {
      expect(at(later), later).toBeGreaterThan(at('validateData()'));
    }
    expect(at('validateData()')).toBeGreaterThan(0);
  });
});
