import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OUTPUT } from './paths.ts';

/**
 * One Astro process at a time in the repository root. Test files run two at a time, and every
 * `astro build` or `astro dev` from the root writes the same `.astro/` folder (the content
 * modules of its CONTENT_DIR) and cache; two at once would read each other's. A folder made
 * with mkdir is the lock (atomic on every file system); it names its holder, so a lock left by
 * a killed worker is taken over.
 */
export const BUILD_LOCK = join(OUTPUT, 'astro.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a lock folder names, or undefined while its holder has made it but not yet named it. */
function holderOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

function tryLock(lock: string): boolean {
  mkdirSync(dirname(lock), { recursive: true });
  let made = false;
  try {
    mkdirSync(lock);
    made = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (made) {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return true;
  }
  const holder = holderOf(lock);
  if (holder === process.pid) throw new Error('astro.lock: this process already holds the lock');
  if (holder !== undefined && Number.isInteger(holder) && !alive(holder)) rmSync(lock, { recursive: true, force: true });
  return false;
}

const release = (lock: string) => rmSync(lock, { recursive: true, force: true });
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` holding the lock; waits for it synchronously (the caller blocks on its build anyway). */
export function withBuildLockSync<T>(fn: () => T, lock = BUILD_LOCK): T {
  while (!tryLock(lock)) Atomics.wait(sleeper, 0, 0, 200);
  try {
    return fn();
  } finally {
    release(lock);
  }
}

/** Waits for the lock without blocking the event loop; call the returned function to release it. */
export async function acquireBuildLock(lock = BUILD_LOCK): Promise<() => void> {
  while (!tryLock(lock)) await new Promise((r) => setTimeout(r, 200));
  return () => release(lock);
}
