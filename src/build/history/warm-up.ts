/**
 * The history's versions compared while the data is checked. A build from a fresh clone has no
 * diff cache: reading the history then compares every pair of versions of every table, on the
 * main thread, before the first page, while the second core has nothing to do. So when a build starts (src/integrations/validate-data.ts), a thread compares
 * them into the diff cache (compareVersions) at the same time as the data is checked, and the
 * history is then read from the cache (src/data.ts waits for the thread first).
 *
 * The thread keeps nothing but the cache: the history the pages use is still read by
 * readDataHistory, from the same git and the same cache. Should the thread fail or be stopped,
 * the history is read as before, only slower.
 *
 * The thread holds the versions it compares, several times their bytes, beside the data check's
 * memory on the main thread; at P that stays below the build's highest, which comes later
 * (README, "Scale").
 */
import { Worker } from 'node:worker_threads';

const SLOT = Symbol.for('gushan.history-warm-up');
type Slot = Record<symbol, { done: Promise<WarmUpResult>; worker: Worker } | undefined>;

export interface WarmUpResult {
  /** Pairs of versions compared now, and those the cache held. */
  compared: number;
  cached: number;
  ms: number;
  /** Why the thread did not finish (the history is then read without it). */
  failed?: string;
}

/** Starts comparing the versions of `dataDir`'s tables on a thread of its own (the cache: HISTORY_CACHE_DIR). */
export function startHistoryWarmUp(dataDir: string): Promise<WarmUpResult> {
  const started = performance.now();
  const worker = new Worker(new URL('./warm-worker.ts', import.meta.url), { workerData: { dataDir } });
  // A build that stops (its data refused) does not wait for the thread; historyWarmedUp holds the process open while it waits.
  worker.unref();
  const done = new Promise<WarmUpResult>((resolve) => {
    const ms = () => Math.round(performance.now() - started);
    worker.once('message', (m: { cacheMisses: number; cacheHits: number }) => resolve({ compared: m.cacheMisses, cached: m.cacheHits, ms: ms() }));
    worker.once('error', (e: unknown) => resolve({ compared: 0, cached: 0, ms: ms(), failed: e instanceof Error ? e.message : String(e) }));
    worker.once('exit', (code) => resolve({ compared: 0, cached: 0, ms: ms(), failed: `退出码 ${code}` }));
  });
  (globalThis as Slot)[SLOT] = { done, worker };
  return done;
}

/**
 * Waits for the thread started for this build, if any. The data module is bundled apart from the
 * integration that starts it, so they meet on a global symbol.
 */
export async function historyWarmedUp(): Promise<void> {
  const warming = (globalThis as Slot)[SLOT];
  // An awaited promise alone does not keep Node running: the thread does, while it is waited for.
  warming?.worker.ref();
  await warming?.done;
}
