/**
 * The sitemap (sitemaps.org protocol 0.9): `sitemap-index.xml` naming `sitemap-0.xml`,
 * `sitemap-1.xml`…, each listing at most SITEMAP_URLS page addresses, in code-unit order.
 *
 * Written here rather than by @astrojs/sitemap, which sorts the addresses with a locale-aware
 * comparison: that sort alone took 1.5 s of every build at L (31,000 pages) and most of a
 * minute and a half at P, for a file no reader sees.
 */
import { xmlText as escapeXml } from '../lib/publishing/xml.ts';

/** Addresses per sitemap file: the protocol allows 50,000 (and 50 MB); @astrojs/sitemap's default was 45,000. */
export const SITEMAP_URLS = 45_000;

export const SITEMAP_INDEX = 'sitemap-index.xml';

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * The sitemap's files (name → text) for pages at these paths under `base` on `site`. Paths as
 * Astro's astro:build:done lists them (`''`, `problems/GS-1/`); `include` leaves pages out.
 */
export function sitemapFiles(paths: readonly string[], site: string, base: string, include: (path: string) => boolean = () => true): Map<string, string> {
  const root = new URL(base.endsWith('/') ? base : `${base}/`, site);
  const urls = [...new Set(paths.map((p) => p.replace(/^\//, '')).filter((p) => !/^(404|500)\/?$/.test(p) && include(p)))]
    .map((p) => new URL(p, root).href)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files = new Map<string, string>();
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  const index: string[] = [];
  for (let i = 0, n = 0; i < urls.length || n === 0; i += SITEMAP_URLS, n++) {
    const name = `sitemap-${n}.xml`;
    const chunk = urls.slice(i, i + SITEMAP_URLS).map((u) => `<url><loc>${escapeXml(u)}</loc></url>`);
    files.set(name, `${head}<urlset xmlns="${XMLNS}">${chunk.join('')}</urlset>\n`);
    index.push(`<sitemap><loc>${escapeXml(new URL(name, root).href)}</loc></sitemap>`);
  }
  files.set(SITEMAP_INDEX, `${head}<sitemapindex xmlns="${XMLNS}">${index.join('')}</sitemapindex>\n`);
  return files;
}
