import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../helpers/pool.ts';

describe('mapConcurrent (test/helpers/pool.ts)', () => {
  it('keeps the order of the items, whatever order the calls finish in', async () => {
    const delays = [30, 5, 20, 0, 10];
    const out = await mapConcurrent(delays, 3, (d, i) => new Promise<string>((r) => setTimeout(() => r(`${i}:${d}`), d)));
    expect(out).toEqual(['0:30', '1:5', '2:20', '3:0', '4:10']);
  });

  it('has at most `limit` calls under way, and uses all of them', async () => {
    let running = 0;
    let most = 0;
    await mapConcurrent([...Array(12).keys()], 4, async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    expect(most).toBe(4);
  });

  it('starts no call after one fails, and throws its error once the calls under way have ended', async () => {
    const started: number[] = [];
    let ended = 0;
    const run = mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('one');
      await new Promise((r) => setTimeout(r, 20));
      ended++;
    });
    await expect(run).rejects.toThrow('one');
    expect(started).toEqual([0, 1]);
    expect(ended).toBe(1);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
