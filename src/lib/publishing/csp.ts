/**
 * The Content-Security-Policy of every page: only the site's own origin, no inline scripts
 * or styles. 'wasm-unsafe-eval' lets the search index's WebAssembly run (it allows compiling
 * WebAssembly, not JavaScript eval). Sent as a <meta> tag and as a header by every host
 * configuration the build writes (src/build/hosting/rules.ts).
 */
export const CSP_DIRECTIVES: ReadonlyArray<[string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** For the <meta> tag (frame-ancestors is not allowed there). */
export const CSP_META = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** For the HTTP header: adds what only a header can carry. No other site may frame a page… */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;

/** …except the embed pages (/embed/…), which exist to be framed anywhere. */
export const CSP_HEADER_EMBED = `${CSP_META}; frame-ancestors *`;

/** The folder of the framable pages, under the base path. */
export const EMBED_DIR = 'embed';
