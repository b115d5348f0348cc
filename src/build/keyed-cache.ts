/**
 * Values computed once per key and held only as long as the build still asks for them.
 *
 * The data module computes some values per key (a rating period, a table) for the pages that ask
 * for them. Astro renders the routes one after another, so most of those values are asked for
 * in a short stretch of the build and never again; held to the end, a large data set's pay the
 * memory of all of them through every later page (at P, every period's CSV and every period's
 * credit list: several hundred MB, README "Scale"). A value let go is computed again when it is
 * asked for after all: holding less never changes a page, only what a late request costs.
 */
export interface Holding {
  /** Let a key's value go once it has been handed out this many times (the files that read it). */
  uses?: number;
  /** Hold only the values of this many keys, those asked for last. */
  recent?: number;
}

export class KeyedCache<K, T> {
  readonly #values = new Map<K, { value: T; given: number }>();
  readonly #holding: Holding;

  constructor(holding: Holding = {}) {
    for (const [name, n] of Object.entries(holding)) {
      if (n !== undefined && !(Number.isInteger(n) && n > 0)) throw new Error(`KeyedCache: ${name} must be a positive whole number, not ${String(n)}`);
    }
    this.#holding = holding;
  }

  /** The value of `key`: the one held, else computed (and held as `holding` allows). */
  get(key: K, compute: (key: K) => T): T {
    let entry = this.#values.get(key);
    if (entry) this.#values.delete(key);
    else entry = { value: compute(key), given: 0 };
    entry.given += 1;
    const { uses, recent } = this.#holding;
    if (uses !== undefined && entry.given >= uses) return entry.value;
    // Map keeps the order of insertion: re-inserted, the key is the one asked for last.
    this.#values.set(key, entry);
    if (recent !== undefined) {
      for (const oldest of this.#values.keys()) {
        if (this.#values.size <= recent) break;
        this.#values.delete(oldest);
      }
    }
    return entry.value;
  }

  /** Keys whose values are held, oldest request first. */
  held(): K[] {
    return [...this.#values.keys()];
  }

  clear(): void {
    this.#values.clear();
  }
}
