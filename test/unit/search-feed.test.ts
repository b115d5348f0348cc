import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedBatches, outputFileOf, renderedPage } from '../../src/build/page-feed.ts';
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
