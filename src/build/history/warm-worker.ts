/** The thread of src/build/history/warm-up.ts: fills the diff cache, then says how many pairs it compared. */
import { parentPort, workerData } from 'node:worker_threads';
import { compareVersions, type HistoryStats } from './data-history.ts';

const stats: HistoryStats = { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
// Warnings are the history read's to give, once, in the build log.
await compareVersions({ dataDir: (workerData as { dataDir: string }).dataDir, warn: () => {} }, stats);
parentPort?.postMessage(stats);
