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

/** JSON with object keys sorted, Maps and Sets as sorted entry lists, undefined left out: equal inputs, equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return [...v.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    if (v instanceof Set) return [...v].sort();
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/** The key of a page from the inputs it shows. */
export function pageKey(inputs: unknown): string {
  return createHash('sha256')
    .update(stableJson({ version: PAGE_KEY_VERSION, inputs }))
    .digest('base64url');
}
