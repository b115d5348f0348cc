/**
 * The benchmark's pieces with logic (npm run bench stays out of `npm test`): the P preset's
 * proportions, the chunked CSV writer the generator streams the ratings with, and the
 * side-by-side table it prints.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvWriter, PRESETS } from '../../scripts/generate-data.ts';
import { ratio, sideBySide, type SizeFigures } from '../../scripts/bench-table.ts';
import { toCsv } from '../../src/lib/publishing/downloads.ts';

describe('the P preset', () => {
  it('is ten times L in every table, with as many periods per enterprise and observations per indicator', () => {
    const { L, P } = PRESETS;
    expect(P.enterprises).toBe(10 * L.enterprises);
    expect(P.problems).toBe(10 * L.problems);
    expect(P.villages).toBe(10 * L.villages);
    expect(P.indicators).toBe(10 * L.indicators);
    expect(P.periods).toBe(L.periods);
    expect(P.observations).toBe(L.observations);
    // Rows: ratings and observations grow tenfold with the enterprises and indicators.
    expect(P.enterprises * P.periods).toBe(10 * L.enterprises * L.periods);
    expect(P.indicators * P.observations).toBe(10 * L.indicators * L.observations);
  });
});

describe('the chunked CSV writer', () => {
  it('writes byte for byte what toCsv writes for all the rows at once, across chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-csv-writer-'));
    const columns = ['id', 'text', 'n'];
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, text: i % 4 === 0 ? '含,逗号与"引号"' : `第${i}行`, n: i % 3 === 0 ? undefined : i }));
    const w = new CsvWriter(join(dir, 'a.csv'), columns, 7);
    for (const r of rows) w.add(r);
    w.close();
    const empty = new CsvWriter(join(dir, 'b.csv'), columns, 7);
    empty.close();
    const [a, b] = ['a.csv', 'b.csv'].map((f) => readFileSync(join(dir, f), 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    expect(a).toBe(toCsv(columns, rows));
    expect(b).toBe(toCsv(columns, []));
  });
});

const run = (seconds: number, cpuSeconds: number | null, peakMb: number | null) => ({ seconds, cpuSeconds, peakMb });

describe('the side-by-side table', () => {
  const M: SizeFigures = {
    size: 'M',
    commits: 12,
    pages: 2200,
    build: run(20, 30, 1000),
    oneRow: run(10, 12, 900),
    distMb: 35,
    distFiles: 4600,
    search: { firstKb: 30, furtherKb: 8 },
    bare: { ...run(4, 5, 500), distMb: 7, distFiles: 2210 },
  };
  const P: SizeFigures = {
    size: 'P',
    commits: 12,
    pages: null,
    build: null,
    oneRow: null,
    distMb: null,
    distFiles: null,
    search: null,
    bare: null,
    failed: { step: 'full build', reason: 'stopped at the time limit of 1800 s', run: run(1800.04, 2900.5, 6100) },
  };

  it('puts each size beside its bare Astro peer and the ratio, one row per figure', () => {
    expect(sideBySide([M]).split('\n')).toEqual([
      '|  | M | bare Astro | × |',
      '| --- | --- | --- | --- |',
      '| pages | 2200 | 2200 | — |',
      '| history commits | 12 | — | — |',
      '| full build s | 20 | 4 | ×5.00 |',
      '| CPU s | 30 | 5 | ×6.00 |',
      '| peak MB (process tree) | 1000 | 500 | ×2.00 |',
      '| one-row rebuild s | 10 | 4 | ×2.50 |',
      '| one-row rebuild peak MB | 900 | — | — |',
      '| output MB | 35 | 7 | ×5.00 |',
      '| output files | 4600 | 2210 | ×2.08 |',
      '| first query KB | 30 | — | — |',
      '| further query KB | 8 | — | — |',
    ]);
  });

  it('shows a size that did not finish as dashes, and under the table where, why and how far it got', () => {
    const lines = sideBySide([M, P]).split('\n');
    expect(lines[0]).toBe('|  | M | bare Astro | × | P | bare Astro | × |');
    expect(lines[4]).toBe('| full build s | 20 | 4 | ×5.00 | — | — | — |');
    expect(lines.at(-1)).toBe('P did not finish: full build: stopped at the time limit of 1800 s (after 1800 s, CPU 2900.5 s, peak 6100 MB)');
  });

  it('gives no ratio without both figures or with a zero peer', () => {
    expect(ratio(10, 4)).toBe('×2.50');
    expect(ratio(10, 0)).toBe('—');
    expect(ratio(null, 4)).toBe('—');
    expect(ratio(3, undefined)).toBe('—');
  });
});
