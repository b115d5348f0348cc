import { describe, expect, it } from 'vitest';
import { measure, processTree } from '../../scripts/measure.ts';

describe('the bench measures the memory of the whole process tree', () => {
  it('finds the descendants of a process', () => {
    const parentOf = new Map([[10, 1], [11, 10], [12, 11], [13, 10], [20, 1]]);
    expect(processTree(10, parentOf).sort()).toEqual([10, 11, 12, 13]);
  });

  it('adds a child program’s memory to its parent’s, as the build runs Pagefind', async () => {
    // Each process holds about 200 MB at once; the peak must count both, as GNU time (the largest
    // single process) did not.
    const hold = "const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 1500);";
    const parent = `const { spawn } = require('node:child_process'); ${hold} spawn(process.execPath, ['-e', ${JSON.stringify(hold)}], { stdio: 'inherit' });`;
    const m = await measure([process.execPath, '-e', parent], process.env, process.cwd());
    expect(m.ok).toBe(true);
    expect(m.peakMb).toBeGreaterThan(400);
  });
});
