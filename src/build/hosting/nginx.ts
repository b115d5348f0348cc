/**
 * The nginx configuration of a built site, written from the same rules as `_headers`
 * (src/build/hosting/rules.ts). It is a part of a `server` block: the operator's block sets
 * `listen`, `server_name` and `root` (the folder that holds the site at its base path) and
 * includes it. Tested with a real nginx (test/build/hosting.test.ts).
 */
import { CONTENT_TYPES, DEFAULT_TYPE, HOST_FILES, TEXT_TYPES, type HeaderRule } from './rules.ts';

/**
 * A value as an nginx string, double-quoted. nginx has no way to escape `$` (it would read a
 * variable), and a quote, backslash or control character could end the string or the line:
 * a path or header holding one is refused rather than written into the configuration.
 */
export function quote(v: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  const bad = /["\\$\u0000-\u001f\u007f]/.exec(v);
  if (bad) throw new Error(`nginx 配置中不能写入“${v}”：其中的字符 ${JSON.stringify(bad[0])} 无法安全地写进配置（网址和文件名只能用字母、数字和常见符号）`);
  return `"${v}"`;
}

const locationPath = quote;

function typesBlock(): string[] {
  const byType = new Map<string, string[]>();
  for (const [ext, type] of Object.entries(CONTENT_TYPES)) byType.set(type, [...(byType.get(type) ?? []), ext]);
  return ['types {', ...[...byType].map(([type, exts]) => `  ${type} ${exts.join(' ')};`), '}'];
}

export interface NginxOptions {
  /** The base path the site is built for, e.g. "/" or "/gushan/". */
  base: string;
}

/** The part of a `server` block that serves the site: types, compression, the 404 page, and headers per rule. */
export function nginxConf(rules: readonly HeaderRule[], { base }: NginxOptions): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const location = (r: HeaderRule) => [
    `location ${r.match === 'exact' ? '= ' : '^~ '}${locationPath(r.path)} {`,
    // `always`: the headers go with every status, the 404 page included.
    ...r.headers.map(([k, v]) => `  add_header ${k} ${quote(v)} always;`),
    '}',
  ];
  const fallback = rules[0]!;
  return [
    '# Written by the build (src/build/hosting/nginx.ts) from the rules that also write _headers.',
    `# Include it in a server block whose root holds the site at ${root}:`,
    '#   server {',
    '#     listen 80;',
    '#     server_name example.gov.cn;',
    `#     root /srv/www;   # the built site is in /srv/www${root}`,
    `#     include /srv/www${root}_nginx.conf;`,
    `#     # with the brotli module: include /srv/www${root}_nginx-brotli.conf;`,
    '#   }',
    '',
    // `types` replaces nginx's own list, so it names every file type the site publishes.
    ...typesBlock(),
    `default_type ${DEFAULT_TYPE};`,
    'charset utf-8;',
    `charset_types ${[...TEXT_TYPES].join(' ')};`,
    '',
    '# The build writes a .gz beside every text file worth compressing; send it to clients that take gzip.',
    'gzip_static on;',
    'gzip_vary on;',
    '',
    '# Redirects (a folder without its slash) keep the host and port the reader used.',
    'absolute_redirect off;',
    'server_tokens off;',
    `error_page 404 ${root}404.html;`,
    '# A folder without an index page is a missing page too, not a forbidden one.',
    `error_page 403 =404 ${root}404.html;`,
    '',
    '# Files for the host, not for readers.',
    ...HOST_FILES.flatMap((f) => [`location = ${locationPath(root + f)} {`, '  return 404;', '}']),
    '',
    ...rules.flatMap(location),
    '',
    '# Any other address (a missing page gets the 404 page): the headers of the site itself.',
    'location / {',
    ...fallback.headers.map(([k, v]) => `  add_header ${k} ${quote(v)} always;`),
    '}',
    '',
  ].join('\n');
}

/** The brotli companion: for servers with ngx_brotli's static module loaded. */
export const NGINX_BROTLI_CONF = [
  '# Written by the build: include it beside _nginx.conf where the ngx_brotli static module is',
  '# loaded (Debian: libnginx-mod-http-brotli-static). It sends the .br files the build wrote.',
  'brotli_static on;',
  '',
].join('\n');
