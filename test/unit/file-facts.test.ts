/**
 * The size report's record of what each page loads (siteSizes with a record file, as incremental
 * builds run it; src/build/file-facts.ts): a page whose size and modification time are unchanged
 * is not read again; any other page is, and a record it cannot use (another base path, broken
 * JSON) is ignored.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteSizes } from '../../src/integrations/size-report.ts';

describe('the size report with a record of each page’s scripts', () => {
  let dir = '';
  let cache = '';
  const page = (script: string) => `<!doctype html><title>页</title><script type="module" src="/_astro/${script}"></script><p>正文</p>`;
  const scriptsOf = (r: ReturnType<typeof siteSizes>, path: string) => r.pages.find((p) => p.path === path)!.js.initial;
  const when = new Date('2026-01-01T00:00:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gushan-size-'));
    cache = join(mkdtempSync(join(tmpdir(), 'gushan-size-cache-')), 'sub', 'report.json');
    mkdirSync(join(dir, '_astro'));
    mkdirSync(join(dir, 'problems'));
    writeFileSync(join(dir, '_astro/a.js'), 'console.log("a");');
    writeFileSync(join(dir, '_astro/b.js'), 'import "./c.js"; console.log("b");');
    writeFileSync(join(dir, '_astro/c.js'), 'console.log("c");');
    writeFileSync(join(dir, 'index.html'), page('a.js'));
    writeFileSync(join(dir, 'problems/index.html'), page('a.js'));
    utimesSync(join(dir, 'problems/index.html'), when, when);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(cache, '..', '..'), { recursive: true, force: true });
  });

  it('reads a page again only when its size or time changed', () => {
    const first = siteSizes(dir, '/', cache);
    expect(scriptsOf(first, 'problems/index.html')).toEqual(['/_astro/a.js']);
    expect(Object.keys((JSON.parse(readFileSync(cache, 'utf8')) as { files: object }).files).sort()).toEqual(['index.html', 'problems/index.html']);
    // Same size, another script, the old time put back: the record is trusted.
    writeFileSync(join(dir, 'problems/index.html'), page('b.js'));
    utimesSync(join(dir, 'problems/index.html'), when, when);
    expect(scriptsOf(siteSizes(dir, '/', cache), 'problems/index.html')).toEqual(['/_astro/a.js']);
    // Written again (a new time): read, with what its script imports.
    writeFileSync(join(dir, 'problems/index.html'), page('b.js'));
    expect(scriptsOf(siteSizes(dir, '/', cache), 'problems/index.html').sort()).toEqual(['/_astro/b.js', '/_astro/c.js']);
    // Without the record every page is read.
    writeFileSync(join(dir, 'index.html'), page('b.js'));
    utimesSync(join(dir, 'index.html'), when, when);
    expect(scriptsOf(siteSizes(dir, '/'), 'index.html').sort()).toEqual(['/_astro/b.js', '/_astro/c.js']);
  });

  it('takes the scripts of a page this build rendered from the rendering, when the file has its length', () => {
    const html = page('b.js');
    writeFileSync(join(dir, 'problems/index.html'), html);
    // What the rendering told (src/build/page-feed.ts), deliberately not what the file says: it is not read.
    const told = new Map([['problems/index.html', { bytes: Buffer.byteLength(html), prose: false, scripts: ['/_astro/a.js'] }]]);
    expect(scriptsOf(siteSizes(dir, '/', cache, told), 'problems/index.html')).toEqual(['/_astro/a.js']);
    // Another length: the file is read.
    told.set('problems/index.html', { bytes: 1, prose: false, scripts: ['/_astro/a.js'] });
    expect(scriptsOf(siteSizes(dir, '/', undefined, told), 'problems/index.html').sort()).toEqual(['/_astro/b.js', '/_astro/c.js']);
  });

  it('ignores a record made for another base path or one it cannot read', () => {
    siteSizes(dir, '/', cache);
    writeFileSync(join(dir, 'problems/index.html'), page('b.js'));
    utimesSync(join(dir, 'problems/index.html'), when, when);
    expect(scriptsOf(siteSizes(dir, '/', cache), 'problems/index.html')).toEqual(['/_astro/a.js']);
    const record = readFileSync(cache, 'utf8');
    expect(record).toContain('"kind":"scripts of pages under /"');
    writeFileSync(cache, record.replace('"kind":"scripts of pages under /"', '"kind":"scripts of pages under /gushan/"'));
    expect(scriptsOf(siteSizes(dir, '/', cache), 'problems/index.html').sort()).toEqual(['/_astro/b.js', '/_astro/c.js']);
    writeFileSync(cache, '{"kind":"scripts of pages under /","files":');
    expect(siteSizes(dir, '/', cache).pages).toHaveLength(2);
  });
});
