/**
 * How much V8 lets the heap grow after a full collection, for a large data set. A build holds
 * its data set and every page's path for its whole run and allocates mostly short-lived page
 * text besides. With a province's data V8 let the heap grow by only a few percent after each
 * full collection, and so marked the whole live heap again every few seconds. For a data set of
 * that order a fixed growth trades some memory for far fewer collections; for a town's or a
 * county's, V8's own sizing grows the heap by more than that, so it is left alone (what each
 * did: README, "Scale").
 */
import { setFlagsFromString } from 'node:v8';

/** From this many rows of data/ on, the heap's growth is fixed. */
export const LARGE_DATASET_ROWS = 500_000;
/** The heap's growth after a full collection for such a data set, in percent. */
export const LARGE_HEAP_GROWING_PERCENT = 30;

/** The growth to fix for a data set of `rows` rows, if any. */
export function heapGrowingPercent(rows: number): number | undefined {
  return rows >= LARGE_DATASET_ROWS ? LARGE_HEAP_GROWING_PERCENT : undefined;
}

/** Fixes the heap's growth for this process when the data set is large; V8 reads it at every collection. */
export function sizeHeapFor(rows: number): number | undefined {
  const percent = heapGrowingPercent(rows);
  if (percent !== undefined) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
