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

  it('adds up the CPU time of a command and its child program, user and kernel', async () => {
    // Parent and child each spin for 0.7 s; the child also makes the kernel work (file writes).
    const spin = "const t = Date.now(); while (Date.now() - t < 700);";
    const writes = "const fs = require('node:fs'); const f = require('node:os').tmpdir() + '/measure-' + process.pid; for (let i = 0; i < 3000; i++) fs.writeFileSync(f, 'x'.repeat(i)); fs.rmSync(f);";
    const parent = `const { spawn } = require('node:child_process'); const c = spawn(process.execPath, ['-e', ${JSON.stringify(spin + writes + 'setTimeout(() => {}, 300);')}], { stdio: 'inherit' }); ${spin} c.on('exit', () => {});`;
    const m = await measure([process.execPath, '-e', parent], process.env, process.cwd());
    expect(m.ok).toBe(true);
    expect(m.cpu).toBeDefined();
    // 1.4 s spun in all; the last tenth of a second of each process may fall between samples.
    expect(m.cpu!.userSeconds + m.cpu!.systemSeconds).toBeGreaterThan(1.1);
    expect(m.cpu!.systemSeconds).toBeGreaterThan(0);
  });
});
