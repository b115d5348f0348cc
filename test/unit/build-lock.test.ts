import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireBuildLock, withBuildLockSync } from '../helpers/build-lock.ts';
import { ROOT } from '../helpers/paths.ts';
import { sitesReady } from '../helpers/sites-ready.ts';

const dir = mkdtempSync(join(tmpdir(), 'gushan-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A process that holds the lock for `ms` milliseconds, writing when it took and left it. */
function holder(lock: string, log: string, ms: number) {
  const script = `
    import { appendFileSync } from 'node:fs';
    import { withBuildLockSync } from ${JSON.stringify(join(ROOT, 'test/helpers/build-lock.ts'))};
    withBuildLockSync(() => {
      appendFileSync(${JSON.stringify(log)}, 'in ' + process.pid + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
      appendFileSync(${JSON.stringify(log)}, 'out ' + process.pid + '\\n');
    }, ${JSON.stringify(lock)});`;
  return new Promise<number | null>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' }).on('exit', resolve));
}

describe('the lock that keeps Astro processes one at a time', () => {
  it('lets one process in at a time: every entry is followed by the same process’s exit', async () => {
    const lock = join(dir, 'a.lock');
    const log = join(dir, 'a.log');
    writeFileSync(log, '');
    expect(await Promise.all([holder(lock, log, 400), holder(lock, log, 400), holder(lock, log, 400)])).toEqual([0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      expect(lines[i]).toMatch(/^in \d+$/);
      expect(lines[i + 1]).toBe(lines[i]!.replace('in', 'out'));
    }
  });

  it('takes over a lock whose holder is gone, and waits for a living one', async () => {
    const lock = join(dir, 'b.lock');
    // A pid that no longer runs: that of a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), gone);
    expect(withBuildLockSync(() => 'ran', lock)).toBe('ran');

    // A living holder: this process gets in only after it left.
    const log = join(dir, 'b.log');
    writeFileSync(log, '');
    const other = holder(lock, log, 1000);
    while (!readFileSync(log, 'utf8').includes('in ')) await new Promise((r) => setTimeout(r, 20));
    const release = await acquireBuildLock(lock);
    expect(readFileSync(log, 'utf8')).toMatch(/^in (\d+)\nout \1\n$/);
    release();
    expect(await other).toBe(0);
  });
});

describe('the wait of the site files for the fixture sites', () => {
  it('waits until the global setup says the sites are built, and fails with the output of a build that failed', async () => {
    const marker = join(dir, 'ready.json');
    let done = false;
    const waiting = sitesReady(marker).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    writeFileSync(marker, JSON.stringify({ ok: true }));
    await waiting;
    expect(done).toBe(true);
    writeFileSync(marker, JSON.stringify({ ok: false, error: 'astro build of the test fixture site failed:\n数据检查发现 1 个问题' }));
    await expect(sitesReady(marker)).rejects.toThrow('数据检查发现 1 个问题');
  });
});
