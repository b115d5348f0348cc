/** The host rules (src/build/hosting/rules.ts) and the files written from them: `_headers` and the nginx configuration. */
import { describe, expect, it } from 'vitest';
import { HOST_FILES, IMMUTABLE, REVALIDATE, contentTypeOf, headerRules, headersFile, ruleFor } from '../../src/build/hosting/rules.ts';
import { nginxConf, quote } from '../../src/build/hosting/nginx.ts';
import { acceptedEncodings } from '../../src/build/hosting/serve.ts';

/** A built site's listing, as `entriesOf` gives it. */
const TREE: Record<string, string[]> = {
  '': ['index.html', '404.html', 'favicon.svg', '_astro/', 'indicators/', 'embed/', 'data/', 'credit/', 'pagefind/', 'sitemap-index.xml', ...HOST_FILES],
  'pagefind/': ['pagefind.js', 'pagefind-entry.json', 'pagefind.zh-cn_abc123.pf_meta', 'wasm.unknown.pagefind', 'index/', 'fragment/', 'filter/'],
};
const entries = (folder: string) => TREE[folder] ?? [];

/** The rules of a _headers file, as Netlify and Cloudflare Pages read them. */
function parseHeaders(text: string): Array<{ path: string; headers: Array<[string, string]> }> {
  const out: Array<{ path: string; headers: Array<[string, string]> }> = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) out.push({ path: line, headers: [] });
    else {
      const [k, ...v] = line.trim().split(':');
      out.at(-1)!.headers.push([k!.trim(), v.join(':').trim()]);
    }
  }
  return out;
}
const matches = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path);
/** Every header such a host sends for a path: all matching rules, joined. */
const headersFor = (text: string, path: string) =>
  parseHeaders(text)
    .filter((r) => matches(r.path, path))
    .flatMap((r) => r.headers);
const values = (h: Array<[string, string]>, name: string) => h.filter(([k]) => k === name).map(([, v]) => v);

describe('host rules', () => {
  const rules = headerRules('/gushan/', entries);
  const file = headersFile(rules, ['data/', 'credit/period/']);

  it('let any site frame the embed pages, and send them no policy that forbids it', () => {
    const h = headersFor(file, '/gushan/embed/indicators/x/');
    expect(values(h, 'Content-Security-Policy')).toEqual([expect.stringMatching(/; frame-ancestors \*$/)]);
    expect(values(h, 'X-Frame-Options')).toEqual([]);
    expect(values(h, 'X-Content-Type-Options')).toEqual(['nosniff']);
  });

  it('keep every other file framable only by the site itself, with one of each header', () => {
    const paths = [
      '/gushan/',
      '/gushan/index.html',
      '/gushan/indicators/x/',
      '/gushan/data/',
      '/gushan/credit/period/2019/',
      '/gushan/404.html',
      '/gushan/favicon.svg',
    ];
    for (const path of [...paths, '/gushan/_astro/a.B1.js', '/gushan/pagefind/pagefind.js', '/gushan/pagefind/fragment/zh_1.pf_fragment']) {
      const h = headersFor(file, path);
      expect(values(h, 'Content-Security-Policy'), path).toEqual([expect.stringMatching(/; frame-ancestors 'self'$/)]);
      expect(values(h, 'X-Frame-Options'), path).toEqual(['SAMEORIGIN']);
      expect(values(h, 'Cache-Control'), path).toHaveLength(1);
    }
  });

  it('let readers keep content-addressed files for a year, and ask again for everything else', () => {
    const cache = (path: string) => values(headersFor(file, path), 'Cache-Control')[0];
    for (const p of [
      '/gushan/_astro/index.B1x.css',
      '/gushan/pagefind/index/zh_9.pf_index',
      '/gushan/pagefind/fragment/a.pf_fragment',
      '/gushan/pagefind/filter/a.pf_filter',
      '/gushan/pagefind/pagefind.zh-cn_abc123.pf_meta',
    ])
      expect(cache(p), p).toBe(IMMUTABLE);
    for (const p of [
      '/gushan/',
      '/gushan/indicators/x/',
      '/gushan/data/problems.csv',
      '/gushan/pagefind/pagefind.js',
      '/gushan/pagefind/pagefind-entry.json',
      '/gushan/pagefind/wasm.unknown.pagefind',
      '/gushan/sitemap-index.xml',
    ])
      expect(cache(p), p).toBe(REVALIDATE);
  });

  it('send CSV files with their charset, and name no host file', () => {
    expect(values(headersFor(file, '/gushan/data/problems.csv'), 'Content-Type')).toEqual(['text/csv; charset=utf-8']);
    expect(values(headersFor(file, '/gushan/credit/period/2019.csv'), 'Content-Type')).toEqual(['text/csv; charset=utf-8']);
    for (const f of HOST_FILES) expect(file).not.toContain(`/gushan/${f}`);
  });

  it('find the rule of a path the way nginx picks its location', () => {
    expect(ruleFor(rules, '/gushan/').path).toBe('/gushan/');
    expect(ruleFor(rules, '/gushan/embed/indicators/x/').path).toBe('/gushan/embed/');
    expect(ruleFor(rules, '/gushan/pagefind/index/a.pf_index').path).toBe('/gushan/pagefind/index/');
    // A path no entry has (a 404): the rule of the site itself.
    expect(ruleFor(rules, '/gushan/nothing/').path).toBe('/gushan/');
    expect(ruleFor(rules, '/elsewhere').path).toBe('/gushan/');
  });

  it('give every published kind of file its type', () => {
    expect(contentTypeOf('a/b.csv')).toBe('text/csv; charset=utf-8');
    expect(contentTypeOf('x.ics')).toBe('text/calendar; charset=utf-8');
    expect(contentTypeOf('feed.xml')).toBe('application/xml; charset=utf-8');
    expect(contentTypeOf('p.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('plan/x.md')).toBe('text/markdown; charset=utf-8');
    expect(contentTypeOf('pagefind/fragment/a.pf_fragment')).toBe('application/octet-stream');
    expect(contentTypeOf('chart.SVG')).toBe('image/svg+xml; charset=utf-8');
    expect(contentTypeOf('no-extension')).toBe('application/octet-stream');
  });
});

describe('the nginx configuration', () => {
  const rules = headerRules('/gushan/', entries);
  const conf = nginxConf(rules, { base: '/gushan/' });

  it('has a location per rule with exactly its headers, sent with every status', () => {
    for (const r of rules) {
      const head = `location ${r.match === 'exact' ? '=' : '^~'} "${r.path}" {`;
      const at = conf.indexOf(`${head}\n`);
      expect(at, r.path).toBeGreaterThanOrEqual(0);
      const block = conf.slice(at, conf.indexOf('\n}', at));
      expect(block.split('\n').slice(1), r.path).toEqual(r.headers.map(([k, v]) => `  add_header ${k} "${v}" always;`));
    }
  });

  it('hides the host files, names the 404 page under the base path, and serves the compressed copies', () => {
    for (const f of HOST_FILES) expect(conf).toContain(`location = "/gushan/${f}" {\n  return 404;\n}`);
    expect(conf).toContain('error_page 404 /gushan/404.html;');
    expect(conf).toMatch(/^gzip_static on;$/m);
    expect(conf).toMatch(/^\s*text\/csv csv;$/m);
  });

  it('refuses to write a path that could break out of its string', () => {
    for (const bad of ['/a"b/', '/a$uri/', '/a\\b', '/a\nb']) expect(() => quote(bad), bad).toThrow(/nginx 配置中不能写入/);
    const hostile = headerRules('/', (f) => (f === '' ? ['ok/', 'x$host/'] : []));
    expect(() => nginxConf(hostile, { base: '/' })).toThrow(
      'nginx 配置中不能写入“/x$host/”：其中的字符 "$" 无法安全地写进配置（网址和文件名只能用字母、数字和常见符号）',
    );
  });
});

describe('Accept-Encoding', () => {
  it('reads the encodings a client takes, q=0 refusing one', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
