/**
 * The Content-Security-Policy of every page: only the site's own origin, no inline scripts
 * or styles. 'wasm-unsafe-eval' lets the search index's WebAssembly run (it allows compiling
 * WebAssembly, not JavaScript eval). Sent as a <meta> tag and, for hosts that read one, in
 * the _headers file.
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

/** For the HTTP header: adds what only a header can carry. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;

/** A _headers file (Netlify, Cloudflare Pages and others) for every page under the base path. */
export function headersFile(base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return [
    `${root}*`,
    `  Content-Security-Policy: ${CSP_HEADER}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    `${root}data/*.csv`,
    '  Content-Type: text/csv; charset=utf-8',
    '',
  ].join('\n');
}
