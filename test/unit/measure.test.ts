import { describe, expect, it } from 'vitest';
import { cpuSeconds, describePeak, measure, parseStat, processTree } from '../../scripts/measure.ts';

describe('the bench measures the memory of the whole process tree', () => {
  it('finds the descendants of a process', () => {
    const parentOf = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [13, 10],
      [20, 1],
    ]);
    expect(processTree(10, parentOf).sort()).toEqual([10, 11, 12, 13]);
  });

  it('adds a child program’s memory to its parent’s, as the build runs Pagefind', async () => {
    // Each process holds about 200 MB at once; the peak must count both, as GNU time (the largest
    // single process) did not.
    const hold = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 1500);';
    const parent = `const { spawn } = require('node:child_process'); ${hold} spawn(process.execPath, ['-e', ${JSON.stringify(hold)}], { stdio: 'inherit' });`;
    const m = await measure([process.execPath, '-e', parent], process.env, process.cwd());
    expect(m.ok).toBe(true);
    expect(m.peakMb).toBeGreaterThan(400);
    // The peak's breakdown names both processes, each with its share, and adds up to the peak.
    const at = m.peakAt!;
    expect(at.processes.filter((p) => p.mb > 150).map((p) => p.name)).toEqual(['node', 'node']);
    expect(at.processes.reduce((n, p) => n + p.mb, 0)).toBeCloseTo(m.peakMb!, 6);
    expect(at.seconds).toBeGreaterThan(0);
    expect(at.seconds).toBeLessThanOrEqual(m.seconds);
    expect(describePeak(at)).toMatch(/^node \d[\d,]* MB \+ node \d[\d,]* MB(?: \+ .+)?, \d+ s in$/);
  });

  it('says which processes made the peak, largest first, leaving out those under a megabyte', () => {
    const peakAt = {
      seconds: 95.4,
      processes: [
        { pid: 1, name: 'node astro.mjs', mb: 3712.2 },
        { pid: 2, name: 'pagefind_extended', mb: 781 },
        { pid: 3, name: 'sh', mb: 0.4 },
      ],
    };
    expect(describePeak(peakAt)).toBe('node astro.mjs 3,712 MB + pagefind_extended 781 MB, 95 s in');
    expect(describePeak(undefined)).toBe('unknown');
  });

  it('reads parent and CPU ticks from a /proc stat line, whatever the command name holds', () => {
    const tail = 'S 4242 10 10 0 -1 4194560 500 0 0 0 731 52 0 0 20 0 11 0 100 1000 200';
    expect(parseStat(`123 (node) ${tail}`)).toEqual({ parent: 4242, user: 731, kernel: 52 });
    // A program may name itself with spaces and parentheses: fields are counted after the last ')'.
    expect(parseStat(`123 (a b) c) (d) ${tail}`)).toEqual({ parent: 4242, user: 731, kernel: 52 });
    expect(parseStat('123 (node')).toBeUndefined();
    expect(parseStat('123 (node) S x')).toBeUndefined();
  });

  it('adds up user and kernel time over every process of the tree, each by its last sample', () => {
    const samples = new Map<number, [number, number]>([
      [10, [300, 20]],
      [11, [150, 80]],
      [12, [50, 0]],
    ]);
    expect(cpuSeconds(samples, 100)).toEqual({ userSeconds: 5, systemSeconds: 1 });
    expect(cpuSeconds(new Map(), 100)).toEqual({ userSeconds: 0, systemSeconds: 0 });
  });

  it("reports CPU time for a command it measured (the figure itself is the bench's, not a test's)", async () => {
    const m = await measure([process.execPath, '-e', 'let n = 0; for (let i = 0; i < 1e6; i++) n += i;'], process.env, process.cwd());
    expect(m.ok).toBe(true);
    expect(m.cpu).toEqual({ userSeconds: expect.any(Number), systemSeconds: expect.any(Number) });
  });
});
