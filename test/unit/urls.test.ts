/** The site's address, written once: SITE_URL and BASE_PATH with their defaults, and absoluteUrl(). */
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  dataUrl,
  DEFAULT_SITE_URL,
  homeUrl,
  isLocalSite,
  joinBase,
  LOCAL_SITE_WARNING,
  problemUrl,
  siteLocation,
  villageUrl,
} from '../../src/lib/urls.ts';
import { errorsPageUrl } from '../../src/build/report.ts';

describe('siteLocation', () => {
  it('defaults to the local preview at the root', () => {
    expect(siteLocation({})).toEqual({ site: 'http://localhost:4321', base: '/' });
    expect(siteLocation({ SITE_URL: '', BASE_PATH: '' })).toEqual({ site: DEFAULT_SITE_URL, base: '/' });
  });

  it('normalises a base path with or without slashes to /folder/', () => {
    for (const BASE_PATH of ['gushan', '/gushan', 'gushan/', '/gushan/', '//gushan//']) {
      expect(siteLocation({ SITE_URL: 'https://example.org', BASE_PATH }), BASE_PATH).toEqual({ site: 'https://example.org', base: '/gushan/' });
    }
    expect(siteLocation({ BASE_PATH: '/' }).base).toBe('/');
    expect(siteLocation({ BASE_PATH: 'org/gushan/' }).base).toBe('/org/gushan/');
  });
});

describe('isLocalSite', () => {
  it('is true for a build without SITE_URL (the local fallback) and false for a real address', () => {
    expect(isLocalSite(siteLocation({}).site)).toBe(true);
    expect(isLocalSite(undefined)).toBe(true);
    expect(isLocalSite(new URL('http://localhost:4321/'))).toBe(true);
    expect(isLocalSite(siteLocation({ SITE_URL: 'https://example.org' }).site)).toBe(false);
    expect(isLocalSite(new URL('http://localhost:8080/'))).toBe(false);
  });

  it('has a warning that names SITE_URL and what it affects', () => {
    expect(LOCAL_SITE_WARNING).toBe(
      '没有设置 SITE_URL（网站的正式网址），本次生成的网页里的绝对网址都指向本机 http://localhost:4321：引用格式、嵌入代码、RSS 订阅和村务公开栏公示单上的二维码都不能给别人用。正式发布前请设置 SITE_URL，例如 SITE_URL=https://example.org。',
    );
  });
});

describe('absoluteUrl', () => {
  it('puts a site link at the origin, with the base path at the root or in a sub-folder', () => {
    expect(absoluteUrl(joinBase('/', 'feed.xml'), 'https://example.org')).toBe('https://example.org/feed.xml');
    expect(absoluteUrl(joinBase('/', ''), 'https://example.org')).toBe('https://example.org/');
    expect(absoluteUrl(joinBase('/gushan/', 'feed.xml'), 'https://example.org')).toBe('https://example.org/gushan/feed.xml');
    expect(absoluteUrl(joinBase('gushan', ''), 'https://example.org/')).toBe('https://example.org/gushan/');
    expect(absoluteUrl(joinBase('/org/gushan', 'data/'), new URL('https://example.org'))).toBe('https://example.org/org/gushan/data/');
  });

  it('takes the origin only: the base path is BASE_PATH, not a path in SITE_URL', () => {
    expect(absoluteUrl('/gushan/feed.xml', 'https://example.org/x/')).toBe('https://example.org/gushan/feed.xml');
    expect(absoluteUrl('/gushan/feed.xml', 'https://example.org:8443')).toBe('https://example.org:8443/gushan/feed.xml');
  });

  it('falls back to the local preview without a site', () => {
    expect(absoluteUrl('/problems/', undefined)).toBe('http://localhost:4321/problems/');
  });

  it('composes with the internal links: records, anchors, the home page', () => {
    expect(absoluteUrl(problemUrl('GS-2017-001'), 'https://example.org')).toBe('https://example.org/problems/GS-2017-001/');
    expect(absoluteUrl(dataUrl('problems'), 'https://example.org')).toBe('https://example.org/data/#problems');
    expect(absoluteUrl(homeUrl(), 'https://example.org')).toBe('https://example.org/');
  });

  it('percent-encodes non-ASCII characters once', () => {
    // A link of urls.ts is already encoded: kept as it is.
    expect(absoluteUrl(villageUrl('东村'), 'https://example.org')).toBe('https://example.org/villages/%E4%B8%9C%E6%9D%91/');
    // A raw path (Astro.url.pathname, a base path in Chinese) is encoded as a browser would.
    expect(absoluteUrl(joinBase('/顾山/', 'villages/东村/'), 'https://example.org')).toBe(
      'https://example.org/%E9%A1%BE%E5%B1%B1/villages/%E4%B8%9C%E6%9D%91/',
    );
  });

  it('refuses a path without its base, which would silently drop the base path', () => {
    expect(() => absoluteUrl('problems/GS-2017-001/', 'https://example.org')).toThrow(/base path/);
    expect(() => absoluteUrl('//evil.example/', 'https://example.org')).toThrow(/base path/);
  });
});

describe('the validate command', () => {
  it('links to the error codes page of the site built from the same environment', () => {
    expect(errorsPageUrl({})).toBe('http://localhost:4321/data/errors/');
    expect(errorsPageUrl({ SITE_URL: 'https://example.org/', BASE_PATH: 'gushan' })).toBe('https://example.org/gushan/data/errors/');
    expect(errorsPageUrl({ SITE_URL: 'https://example.org', BASE_PATH: '/org/gushan/' })).toBe('https://example.org/org/gushan/data/errors/');
  });
});
