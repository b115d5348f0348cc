/** The _headers file (src/lib/publishing/csp.ts): only the embed pages may be framed by other sites. */
import { describe, expect, it } from 'vitest';
import { headersFile } from '../../src/lib/publishing/csp.ts';

/** The rules of a _headers file, as Netlify and Cloudflare Pages read them. */
function rules(text: string): Array<{ path: string; headers: Array<[string, string]> }> {
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
/** Every header a host sends for a path: all matching rules, joined. */
const headersFor = (text: string, path: string) =>
  rules(text)
    .filter((r) => matches(r.path, path))
    .flatMap((r) => r.headers);

describe('_headers', () => {
  const file = headersFile('/gushan/', [
    'index.html',
    '404.html',
    'favicon.svg',
    '_astro/',
    'indicators/',
    'embed/',
    'data/',
    'credit/',
    'sitemap-index.xml',
    '_headers',
  ]);

  it('lets any site frame the embed pages, and sends them no policy that forbids it', () => {
    const h = headersFor(file, '/gushan/embed/indicators/x/');
    expect(h.filter(([k]) => k === 'Content-Security-Policy').map(([, v]) => v)).toEqual([expect.stringMatching(/; frame-ancestors \*$/)]);
    expect(h.some(([k]) => k === 'X-Frame-Options')).toBe(false);
    expect(h).toContainEqual(['X-Content-Type-Options', 'nosniff']);
  });

  it('keeps every other file framable only by the site itself', () => {
    for (const path of ['/gushan/', '/gushan/indicators/x/', '/gushan/data/', '/gushan/credit/period/2019/', '/gushan/404.html', '/gushan/favicon.svg']) {
      const h = headersFor(file, path);
      expect(
        h.filter(([k]) => k === 'Content-Security-Policy').map(([, v]) => v),
        path,
      ).toEqual([expect.stringMatching(/; frame-ancestors 'self'$/)]);
      expect(h, path).toContainEqual(['X-Frame-Options', 'SAMEORIGIN']);
    }
    expect(headersFor(file, '/gushan/data/x.csv')).toContainEqual(['Content-Type', 'text/csv; charset=utf-8']);
    expect(file).not.toContain('/gushan/_headers');
  });
});
