/**
 * How much V8 lets the heap grow after a full collection, for a large data set. A build holds
 * its data set and every page's path for its whole run and allocates mostly short-lived page
 * text besides. With a province's data V8 let the heap grow by only a few percent after each
 * full collection, and so marked the whole live heap again every few seconds: for a data set of
 * that order a fixed growth trades some memory for far fewer collections. For a county's, V8's
 * own sizing lets a heap of 250 MB grow to about 1 GB before it collects, once the pages' bytes
 * no longer start collections of their own (src/build/page-feed.ts, feedPage): its growth is
 * held at double, which collects a few times more often, each time cheaply, for a third less
 * memory. A town's data set is left to V8 (what each did: README, "Scale").
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** From this many rows of data/ on, the heap's growth is fixed at MEDIUM_HEAP_GROWING_PERCENT. */
export const MEDIUM_DATASET_ROWS = 100_000;
export const MEDIUM_HEAP_GROWING_PERCENT = 100;
/** From this many rows of data/ on, the heap's growth is fixed at LARGE_HEAP_GROWING_PERCENT. */
export const LARGE_DATASET_ROWS = 500_000;
export const LARGE_HEAP_GROWING_PERCENT = 30;

/** The growth to fix for a data set of `rows` rows, if any. */
export function heapGrowingPercent(rows: number): number | undefined {
  if (rows >= LARGE_DATASET_ROWS) return LARGE_HEAP_GROWING_PERCENT;
  return rows >= MEDIUM_DATASET_ROWS ? MEDIUM_HEAP_GROWING_PERCENT : undefined;
}

/** Fixes the heap's growth for this process when the data set is large; V8 reads it at every collection. */
export function sizeHeapFor(rows: number): number | undefined {
  const percent = heapGrowingPercent(rows);
  if (percent !== undefined) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/**
 * No pretenuring for the build: V8 learns from an allocation site whose objects outlived young
 * collections to allocate them in the old generation from then on, where only a full collection
 * frees them. A build learns it of many sites, before the pages and while they are rendered,
 * sites that also make what a page uses once, and sends that garbage to the old generation
 * (`--trace-pretenuring-statistics`; what turning it off bought: README, "Scale"). V8 reads the
 * flag at every collection, so it holds from here for every thread of the process.
 */
export function stopPretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/** The heap's growth once the pages are written, for a data set whose growth was fixed (sizeHeapFor). */
export const AFTER_PAGES_HEAP_GROWING_PERCENT = 10;

/**
 * Once the pages are written the steps after them (downloads, search indexes, compressed copies)
 * allocate little that lives, while the heap still has the room the pages' growth gave it: a full
 * collection now, and a small growth from here, keep them from adding that room to the build's
 * highest memory (README, "Scale"). Only for a data set whose growth was fixed; returns the
 * process's resident memory before and after, or undefined when nothing was done.
 */
export function settleHeapAfterPages(rows: number): { before: number; after: number } | undefined {
  if (heapGrowingPercent(rows) === undefined) return undefined;
  setFlagsFromString(`--heap-growing-percent=${AFTER_PAGES_HEAP_GROWING_PERCENT}`);
  const before = process.memoryUsage().rss;
  // V8's gc() is exposed to a new context once the flag is set; the build's own context does not get it.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return { before, after: process.memoryUsage().rss };
}
