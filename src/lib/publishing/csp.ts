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

/** For the HTTP header: adds what only a header can carry. No other site may frame a page… */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;

/** …except the embed pages (/embed/…), which exist to be framed anywhere. */
export const CSP_HEADER_EMBED = `${CSP_META}; frame-ancestors *`;

/** The folder of the framable pages, under the base path. */
export const EMBED_DIR = 'embed';

/**
 * A _headers file (Netlify, Cloudflare Pages and others) for every file under the base path.
 * Hosts apply every rule that matches a path and join repeated headers, and two CSPs are both
 * enforced, so the embed pages must match no rule that forbids framing: the rules name the
 * top-level entries of the built site (`entries`: folder names end in "/") one by one, and the
 * embed folder gets a rule of its own.
 */
export function headersFile(base: string, entries: readonly string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const common = ['  X-Content-Type-Options: nosniff', '  Referrer-Policy: strict-origin-when-cross-origin'];
  const framed = (path: string) => [path, `  Content-Security-Policy: ${CSP_HEADER}`, '  X-Frame-Options: SAMEORIGIN', ...common];
  const paths = [
    root,
    ...[...entries]
      .sort()
      .filter((e) => e !== `${EMBED_DIR}/` && e !== '_headers')
      .map((e) => (e.endsWith('/') ? `${root}${e}*` : `${root}${e}`)),
  ];
  return [
    ...paths.flatMap(framed),
    `${root}${EMBED_DIR}/*`,
    `  Content-Security-Policy: ${CSP_HEADER_EMBED}`,
    ...common,
    `${root}data/*.csv`,
    '  Content-Type: text/csv; charset=utf-8',
    '',
  ].join('\n');
}
