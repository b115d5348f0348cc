/** The thread of startListing (src/build/output-files.ts): lists the pages' folders, and gives them as one string. */
import { parentPort, workerData } from 'node:worker_threads';
import { listSettled } from './output-files.ts';

parentPort?.postMessage(listSettled((workerData as { dir: string }).dir).join('\0'));
