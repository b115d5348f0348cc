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
 * JSON with object keys sorted, Maps and Sets as sorted entry lists, undefined left out: equal inputs, equal text.
 * Only an object whose keys are out of order is copied to sort them; copying every object was most of the time Astro
 * spent on 31,000 keys before rendering a page.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, sorted) ?? 'null';
}

const byText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

function sorted(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.entries()].sort(([a], [b]) => byText(a, b));
  if (v instanceof Set) return [...v].sort();
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! <= keys[i]!) continue;
    const o = v as Record<string, unknown>;
    // No prototype, so that a key named __proto__ is a key like any other.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const k of keys.sort()) copy[k] = o[k];
    return copy;
  }
  return v;
}

/** The key of a page from the inputs it shows. */
export function pageKey(inputs: unknown): string {
  return createHash('sha256')
    .update(stableJson({ version: PAGE_KEY_VERSION, inputs }))
    .digest('base64url');
}
