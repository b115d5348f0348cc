/** Values held per key only as long as the build asks for them (src/build/keyed-cache.ts). */
import { describe, expect, it } from 'vitest';
import { KeyedCache } from '../../src/build/keyed-cache.ts';

/** A cache whose computations are counted per key. */
function counted(holding?: ConstructorParameters<typeof KeyedCache<string, string>>[0]) {
  const computed: string[] = [];
  const cache = new KeyedCache<string, string>(holding);
  const get = (key: string) => cache.get(key, (k) => (computed.push(k), `value of ${k}`));
  return { cache, computed, get };
}

describe('values held per key', () => {
  it('holds every value to the end when nothing bounds it', () => {
    const { cache, computed, get } = counted();
    for (const k of ['2017', '2018', '2017', '2019', '2018']) expect(get(k)).toBe(`value of ${k}`);
    expect(computed).toEqual(['2017', '2018', '2019']);
    expect(cache.held()).toEqual(['2017', '2019', '2018']);
  });

  it('lets a value go once it was handed out as often as files read it', () => {
    // The order Astro writes a period's two files in: every CSV for Excel, then every plain CSV.
    const { cache, computed, get } = counted({ uses: 2 });
    for (const k of ['2017', '2018', '2019']) get(k);
    expect(cache.held()).toEqual(['2017', '2018', '2019']);
    get('2017');
    get('2018');
    expect(cache.held()).toEqual(['2019']);
    get('2019');
    expect(cache.held()).toEqual([]);
    expect(computed).toEqual(['2017', '2018', '2019']);
    // Asked for after all (the dev server): computed again, the same value.
    expect(get('2017')).toBe('value of 2017');
    expect(computed).toEqual(['2017', '2018', '2019', '2017']);
  });

  it('a value used once is not held when one use is all it gets', () => {
    const { cache, get } = counted({ uses: 1 });
    get('a');
    expect(cache.held()).toEqual([]);
  });

  it('holds only the keys asked for last', () => {
    // The credit lists: the latest period for every numbered page, then each period's page once.
    const { cache, computed, get } = counted({ recent: 2 });
    for (let n = 0; n < 5; n++) get('latest');
    for (const k of ['2017', '2018', '2019']) get(k);
    expect(cache.held()).toEqual(['2018', '2019']);
    expect(computed).toEqual(['latest', '2017', '2018', '2019']);
    // A key asked for again moves to the end, and is kept over an older one.
    get('2018');
    get('2020');
    expect(cache.held()).toEqual(['2018', '2020']);
    get('latest');
    expect(computed).toEqual(['latest', '2017', '2018', '2019', '2020', 'latest']);
  });

  it('starts over when cleared (a new data set)', () => {
    const { cache, computed, get } = counted();
    get('a');
    cache.clear();
    get('a');
    expect(computed).toEqual(['a', 'a']);
  });

  it('refuses a bound that is not a positive whole number', () => {
    expect(() => new KeyedCache({ uses: 0 })).toThrow(/uses must be a positive whole number, not 0/);
    expect(() => new KeyedCache({ recent: 1.5 })).toThrow(/recent must be a positive whole number, not 1.5/);
  });
});
