import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedBatches, feedPage, outputFileOf, renderedPage, type PageFeed, type RenderedPage } from '../../src/build/page-feed.ts';
import { globOf } from '../../src/integrations/pagefind.ts';

describe('outputFileOf: the file Astro writes a page to (build.format directory)', () => {
  it('gives a folder page its index.html, under a base path or none', () => {
    expect(outputFileOf('/', '/')).toBe('index.html');
    expect(outputFileOf('/problems/GS-2017-0001/', '/')).toBe('problems/GS-2017-0001/index.html');
    expect(outputFileOf('/gushan/', '/gushan/')).toBe('index.html');
    expect(outputFileOf('/gushan', '/gushan')).toBe('index.html');
    expect(outputFileOf('/gushan/credit/page/2/', '/gushan')).toBe('credit/page/2/index.html');
  });

  it('gives the 404 page 404.html and leaves a file name as it is', () => {
    expect(outputFileOf('/404', '/')).toBe('404.html');
    expect(outputFileOf('/gushan/404', '/gushan/')).toBe('404.html');
    expect(outputFileOf('/gushan/404/', '/gushan/')).toBe('404.html');
    expect(outputFileOf('/500/', '/')).toBe('500.html');
    expect(outputFileOf('/gushan/feed.xml', '/gushan/')).toBe('feed.xml');
  });

  it('decodes the URL, as the file on disk is named', () => {
    expect(outputFileOf('/villages/%E4%B8%9C%E6%9D%91/', '/')).toBe('villages/东村/index.html');
  });

  it('has no file for a path outside the base', () => {
    expect(outputFileOf('/other/page/', '/gushan/')).toBeUndefined();
    expect(outputFileOf('/gushanx/', '/gushan/')).toBeUndefined();
  });
});

describe('renderedPage: what a page tells the steps after the pages', () => {
  it('gives its length, whether it is prose and its scripts as written', () => {
    const html =
      '<!doctype html><title>页</title><script type="module" src="/gushan/_astro/a.js"></script><main data-pagefind-body>正文</main><script src="/gushan/_astro/b.js"></script>';
    expect(renderedPage(Buffer.from(html))).toEqual({ bytes: Buffer.byteLength(html), prose: true, scripts: ['/gushan/_astro/a.js', '/gushan/_astro/b.js'] });
    const record = '<p>记录</p><script>inline()</script>';
    expect(renderedPage(Buffer.from(record))).toEqual({ bytes: Buffer.byteLength(record), prose: false, scripts: [] });
  });

  it('keeps no page’s HTML alive through what it tells', () => {
    // Kept until the size report, the facts of 200 pages of 1 MB each must not hold those pages: a child
    // process measures its heap after a full collection, with the facts still held.
    const script = `
      import { renderedPage } from ${JSON.stringify(new URL('../../src/build/page-feed.ts', import.meta.url).href)};
      const kept = [];
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 200; i++) {
        const html = '<script type="module" src="/_astro/page-' + i + '.a1b2c3d4.js"></script><main>' + '环境'.repeat(170000) + i + '</main>';
        kept.push(renderedPage(Buffer.from(html)));
      }
      gc();
      console.log(JSON.stringify({ grown: process.memoryUsage().heapUsed - before, scripts: kept.length }));
    `;
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { grown, scripts } = JSON.parse(out) as { grown: number; scripts: number };
    expect(scripts).toBe(200);
    // Held whole, the pages would be 200 MB (two bytes a character); their facts are a few kilobytes.
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('feedPage: a rendered page handed to the feeds on its way to its file', () => {
  const html = '<!doctype html><script type="module" src="/gushan/_astro/a.js"></script><main data-pagefind-body>鼓山镇</main>';
  const pageOf = (body: BodyInit | null, init: ResponseInit = { headers: { 'content-type': 'text/html' } }) => new Response(body, init);
  const chunksOf = async (r: Response) => {
    const out: Uint8Array[] = [];
    for await (const c of r.body!) out.push(c);
    return out;
  };

  it('tells every feed what the page tells, and gives Astro the very bytes rendered, not a copy of them', async () => {
    const rendered = new TextEncoder().encode(html);
    const seen: Array<[string, RenderedPage]> = [];
    const feeds = new Set<PageFeed>([(p, page) => seen.push([p, page]), (p, page) => seen.push([`again ${p}`, page])]);
    const out = await feedPage(
      '/gushan/plan/',
      pageOf(new ReadableStream({ start: (c) => (c.enqueue(rendered), c.close()) }), {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'text/html; charset=utf-8', 'x-kept': '1' },
      }),
      feeds,
    );
    expect(seen).toEqual([
      ['/gushan/plan/', { bytes: rendered.length, prose: true, scripts: ['/gushan/_astro/a.js'] }],
      ['again /gushan/plan/', { bytes: rendered.length, prose: true, scripts: ['/gushan/_astro/a.js'] }],
    ]);
    expect([out.status, out.statusText, out.headers.get('x-kept')]).toEqual([200, 'OK', '1']);
    const chunks = await chunksOf(out);
    // The same object: read into a buffer and put into a new response, the page would be copied twice more.
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toBe(rendered);
  });

  it('reads a page that comes in several chunks whole, and passes them on as they came', async () => {
    const bytes = new TextEncoder().encode(html);
    const parts = [bytes.subarray(0, 30), bytes.subarray(30, 31), bytes.subarray(31)];
    const seen: RenderedPage[] = [];
    const out = await feedPage(
      '/p/',
      pageOf(new ReadableStream({ start: (c) => (parts.forEach((p) => c.enqueue(p)), c.close()) })),
      new Set([(_, page) => seen.push(page)]),
    );
    expect(seen).toEqual([{ bytes: bytes.length, prose: true, scripts: ['/gushan/_astro/a.js'] }]);
    expect(Buffer.concat(await chunksOf(out)).toString()).toBe(html);
  });

  it('passes anything else through untouched: no feeds, a redirect, no body, not HTML', async () => {
    const feed: PageFeed = () => expect.unreachable('fed');
    const none = pageOf(html);
    expect(await feedPage('/', none, new Set())).toBe(none);
    for (const r of [
      pageOf(null, { status: 301, headers: { location: '/x/' } }),
      pageOf(null),
      pageOf('{}', { headers: { 'content-type': 'application/json' } }),
    ]) {
      expect(await feedPage('/', r, new Set([feed]))).toBe(r);
    }
  });
});

describe('globOf: a Pagefind glob for exactly some files', () => {
  it('lists the files as alternatives, escaping what a glob would read as a pattern', () => {
    expect(globOf(['a/index.html'])).toBe('a/index.html');
    expect(globOf(['a/index.html', 'b-2/index.html'])).toBe('{a/index.html,b-2/index.html}');
    expect(globOf(['x[1]/index.html', 'a,b/{c}*.html'])).toBe('{x\\[1\\]/index.html,a\\,b/\\{c\\}\\*.html}');
    expect(globOf(['villages/东村/index.html'])).toBe('villages/东村/index.html');
  });
});

describe('FeedBatches: pages handed to the indexer in batches once written', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-batches-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('gives a batch only when it is full and every file in it is on disk at its full length', () => {
    const b = new FeedBatches(dir, 2);
    b.add('a/index.html', 5);
    expect(b.takeReady()).toBeUndefined();
    b.add('b/index.html', 3);
    expect(b.takeReady(), 'nothing written yet').toBeUndefined();
    write('a/index.html', '12345');
    write('b/index.html', '1');
    expect(b.takeReady(), 'b is still being written').toBeUndefined();
    write('b/index.html', '123');
    expect(b.takeReady()).toEqual(['a/index.html', 'b/index.html']);
    expect(b.takeReady()).toBeUndefined();
  });

  it('keeps the order pages were started in, counts a page once, and gives the rest at the end', () => {
    const b = new FeedBatches(dir, 2);
    for (const f of ['c/index.html', 'a/index.html', 'c/index.html', 'b/index.html']) b.add(f, 1);
    for (const f of ['a', 'b', 'c']) write(`${f}/index.html`, 'x');
    expect(b.takeReady()).toEqual(['c/index.html', 'a/index.html']);
    expect(b.takeReady()).toBeUndefined();
    expect(b.takeAll()).toEqual(['b/index.html']);
    expect(b.takeAll()).toEqual([]);
    expect([...b.files()].sort()).toEqual(['a/index.html', 'b/index.html', 'c/index.html']);
  });
});
