/**
 * The one set of HTTP rules for the built site — security headers, framing, caching and file
 * types — from which every reader of them is derived: `_headers` (hosts that read it),
 * the nginx configuration (src/build/hosting/nginx.ts) and the server of `npm start`
 * (src/build/hosting/serve.ts). Tests compare what nginx and `npm start` send with `_headers`.
 *
 * Rules are written per entry of the output (top-level files and folders, and the entries of
 * Pagefind's folder), never as one catch-all plus exceptions: hosts that read `_headers` apply
 * every rule that matches and join repeated headers, so two rules for one file would send two
 * CSPs (both enforced) or a Cache-Control of "no-cache, immutable".
 */
import { CSP_HEADER, CSP_HEADER_EMBED, EMBED_DIR } from '../../lib/publishing/csp.ts';

/**
 * Files the build writes at the top of the site for the host, not for readers: never served
 * by nginx or `npm start`, never compressed (src/lib/validation/routes.ts reserves their names).
 */
export const HOST_FILES = ['_headers', '_nginx.conf', '_nginx-brotli.conf', '_compressed.json'] as const;

/** Content types by file extension, for every kind of file the site publishes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  xml: 'application/xml',
  csv: 'text/csv',
  md: 'text/markdown',
  txt: 'text/plain',
  ics: 'text/calendar',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  wasm: 'application/wasm',
  // Pagefind's index: gzip-compressed binary files its script reads and decompresses itself.
  pagefind: 'application/octet-stream',
  pf_meta: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
  pf_filter: 'application/octet-stream',
};

/** Text types: sent with "; charset=utf-8", and worth compressing. */
export const TEXT_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'text/css',
  'text/javascript',
  'application/json',
  'application/xml',
  'text/csv',
  'text/markdown',
  'text/plain',
  'text/calendar',
  'image/svg+xml',
  'application/manifest+json',
]);

export const DEFAULT_TYPE = 'application/octet-stream';

/** The extension of a path, without the dot ('' when none). */
export const extensionOf = (path: string): string => /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';

/** The Content-Type header for a file: its type, with the charset for text. */
export function contentTypeOf(path: string): string {
  const type = CONTENT_TYPES[extensionOf(path)] ?? DEFAULT_TYPE;
  return TEXT_TYPES.has(type) ? `${type}; charset=utf-8` : type;
}

/** Content-addressed files: a new build gives a changed file a new name, so a reader may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Everything else (pages, data, feeds, Pagefind's entry files): the reader's browser asks again
 * each time and gets "304 Not Modified" when nothing changed — a withdrawn value must not
 * linger in a cache, and a correction must show at once.
 */
export const REVALIDATE = 'no-cache';

/** Whether a path (relative to the base, folders ending in "/") holds only content-addressed files. */
export function isHashed(rel: string): boolean {
  return (
    rel.startsWith('_astro/') ||
    /^pagefind\/(?:index|fragment|filter)\//.test(rel) ||
    // The meta file carries its content hash; the other top-level Pagefind files keep their names.
    /^pagefind\/pagefind\.[^/]+\.pf_meta$/.test(rel)
  );
}

export interface HeaderRule {
  /** The URL path, under the base path: a file, or a folder (ending in "/") and everything in it. */
  path: string;
  /** `exact`: this path only; `prefix`: the folder and everything in it. */
  match: 'exact' | 'prefix';
  headers: ReadonlyArray<readonly [string, string]>;
}

const COMMON: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];

/** The headers of a path (relative to the base): the embed pages may be framed anywhere, nothing else. */
export function headersOf(rel: string): ReadonlyArray<readonly [string, string]> {
  const embed = rel === `${EMBED_DIR}/` || rel.startsWith(`${EMBED_DIR}/`);
  const frame: ReadonlyArray<readonly [string, string]> = embed
    ? [['Content-Security-Policy', CSP_HEADER_EMBED]]
    : [
        ['Content-Security-Policy', CSP_HEADER],
        ['X-Frame-Options', 'SAMEORIGIN'],
      ];
  return [...frame, ...COMMON, ['Cache-Control', isHashed(rel) ? IMMUTABLE : REVALIDATE]];
}

/** Folders whose entries get rules of their own, because their files differ in caching. */
const SPLIT_FOLDERS = ['pagefind/'];

/**
 * The rules for a built site under `base`, from its listing: `entries(folder)` gives the entries
 * of a folder of the output ('' for the top), folder names ending in "/".
 */
export function headerRules(base: string, entries: (folder: string) => readonly string[]): HeaderRule[] {
  const root = base.endsWith('/') ? base : `${base}/`;
  const hidden = new Set<string>(HOST_FILES);
  const rules: HeaderRule[] = [{ path: root, match: 'exact', headers: headersOf('') }];
  const add = (folder: string) => {
    for (const e of [...entries(folder)].sort()) {
      const rel = folder + e;
      if (folder === '' && hidden.has(e)) continue;
      if (SPLIT_FOLDERS.includes(rel)) {
        add(rel);
        continue;
      }
      rules.push({ path: root + rel, match: e.endsWith('/') ? 'prefix' : 'exact', headers: headersOf(rel) });
    }
  };
  add('');
  return rules;
}

/**
 * The rule that applies to a URL path: the exact rule, else the longest folder that holds it,
 * else (a path no entry has: a 404) the rule of the base path's index.
 */
export function ruleFor(rules: readonly HeaderRule[], pathname: string): HeaderRule {
  const exact = rules.find((r) => r.match === 'exact' && r.path === pathname);
  if (exact) return exact;
  const folders = rules.filter((r) => r.match === 'prefix' && pathname.startsWith(r.path)).sort((a, b) => b.path.length - a.path.length);
  return folders[0] ?? rules[0]!;
}

/**
 * A `_headers` file (Netlify, Cloudflare Pages and others): one block per rule; a folder's
 * rule names the folder and everything in it. Such hosts pick a CSV file's type themselves,
 * often without the charset a spreadsheet needs to read Chinese, so each folder that holds CSV
 * files (`csvFolders`, relative to the base, ending in "/") gets a Content-Type rule: a header
 * no other rule sends, so joining cannot double it.
 */
export function headersFile(rules: readonly HeaderRule[], csvFolders: readonly string[] = []): string {
  const root = rules[0]?.path ?? '/';
  const blocks = rules.map((r) => [r.match === 'prefix' ? `${r.path}*` : r.path, ...r.headers.map(([k, v]) => `  ${k}: ${v}`)].join('\n'));
  const csv = [...csvFolders].sort().map((f) => `${root}${f}*.csv\n  Content-Type: ${contentTypeOf('x.csv')}`);
  return `${[...blocks, ...csv].join('\n')}\n`;
}
