/**
 * The priority of the calling thread. On Linux a thread has a priority of its own, set by its id
 * (`/proc/thread-self` names it); elsewhere the thread runs as it is. The build's threads yield
 * to the main thread, which renders the pages and holds the build's time: the downloads below it
 * (src/build/downloads-worker.ts), the compressed copies lowest (src/build/hosting/compress-worker.ts).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

export function setThreadPriority(priority: number): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), priority);
  } catch {
    // No per-thread priority here: the thread's work is the same, only less polite.
  }
}
