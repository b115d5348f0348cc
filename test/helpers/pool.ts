/**
 * Runs `fn` over `items` with at most `limit` calls under way at once, and returns the results
 * in the order of `items`. Browser tests use it to load several pages of one check at a time:
 * most of a page load is waiting, and a check that loops over pages one by one waits for each.
 * After a call fails no new one starts; the first failure is thrown once the others have ended,
 * so that no call is still using a page the test goes on to close.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (e) {
        next = items.length;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}
