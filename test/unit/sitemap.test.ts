/** The sitemap (src/build/sitemap.ts). */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { SITEMAP_INDEX, SITEMAP_URLS, sitemapFiles } from '../../src/build/sitemap.ts';

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' || name === 'sitemap' });
const locs = (xml: string, list: 'urlset' | 'sitemapindex', item: 'url' | 'sitemap') => {
  expect(() => SyntaxValidator.validate(xml)).not.toThrow();
  const doc = parser.parse(xml) as Record<string, Record<string, unknown>>;
  expect(doc[list]!['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  return ((doc[list]![item] as Array<{ loc: string }> | undefined) ?? []).map((u) => u.loc);
};

describe('the sitemap', () => {
  it('lists every page under the base once, sorted, without the error pages and what is left out', () => {
    const files = sitemapFiles(
      ['problems/GS-2/', '', 'problems/GS-1/', '404/', '500', 'embed/indicators/a/', 'problems/GS-1/', 'a&b/'],
      'https://example.org',
      '/gushan',
      (p) => !p.startsWith('embed/'),
    );
    expect([...files.keys()]).toEqual(['sitemap-0.xml', SITEMAP_INDEX]);
    const xml = files.get('sitemap-0.xml')!;
    expect(xml).toContain('<loc>https://example.org/gushan/a&amp;b/</loc>');
    expect(locs(xml, 'urlset', 'url')).toEqual([
      'https://example.org/gushan/',
      'https://example.org/gushan/a&b/',
      'https://example.org/gushan/problems/GS-1/',
      'https://example.org/gushan/problems/GS-2/',
    ]);
    expect(locs(files.get(SITEMAP_INDEX)!, 'sitemapindex', 'sitemap')).toEqual(['https://example.org/gushan/sitemap-0.xml']);
  });

  it('splits a large site into files of at most SITEMAP_URLS addresses, all named in the index', () => {
    const paths = Array.from({ length: SITEMAP_URLS * 2 + 1 }, (_, i) => `credit/${String(i).padStart(6, '0')}/`);
    const files = sitemapFiles(paths, 'https://example.org', '/');
    expect([...files.keys()]).toEqual(['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-2.xml', SITEMAP_INDEX]);
    const all = ['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-2.xml'].flatMap((f) => locs(files.get(f)!, 'urlset', 'url'));
    expect(all.length).toBe(paths.length);
    expect(locs(files.get('sitemap-2.xml')!, 'urlset', 'url')).toEqual([`https://example.org/credit/${String(SITEMAP_URLS * 2).padStart(6, '0')}/`]);
    expect(locs(files.get(SITEMAP_INDEX)!, 'sitemapindex', 'sitemap')).toEqual([0, 1, 2].map((n) => `https://example.org/sitemap-${n}.xml`));
  });
});
