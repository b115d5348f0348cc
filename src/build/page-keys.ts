/**
 * The cache keys of record pages for Astro's incremental build (`experimental.incrementalBuild`,
 * astro.config.mjs): a page whose key, module graph, configuration and lockfile are unchanged is
 * not rendered again. A key is the hash of everything its page shows — the inputs src/data.ts
 * gathers per route (`recordPageKey`) — with this version; a missing input would leave a stale
 * page, so the inputs are rather too many than too few (ARCHITECTURE.md, "Incremental builds").
 */
import { createHash } from 'node:crypto';

/**
 * Raised when a page starts showing something its key does not cover yet and the code that
 * computes it lies outside the page's module graph (which Astro hashes itself).
 */
export const PAGE_KEY_VERSION = 1;

/**
 * JSON of a page's inputs: equal inputs, equal text. Objects are written in their own key order:
 * the same code builds an object's keys in the same order, and an order that differs costs a page
 * rendered again, never a stale one. Maps and Sets, whose order follows the data's, are written as
 * sorted entry lists; undefined is left out. The keys' text is over 100 MB a build at L, written
 * in the build's busiest second (README, "Scale"). A replacer does it: giving Maps and Sets a
 * toJSON for each call and taking it away again changed the built-in prototypes 60,000 times a
 * build, and took longer.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, orderedCollections) ?? 'null';
}

const byText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

function orderedCollections(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].sort(([a], [b]) => byText(a, b));
  if (value instanceof Set) return [...value].sort();
  return value;
}

/** The key of a page from the inputs it shows. */
export function pageKey(inputs: unknown): string {
  return createHash('sha256')
    .update(stableJson({ version: PAGE_KEY_VERSION, inputs }))
    .digest('base64url');
}
