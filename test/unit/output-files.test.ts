/** The output's listing (src/build/output-files.ts), held while the steps after the pages run. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { forgetFiles, holdListing, outputFiles, outputStat, releaseListing } from '../../src/build/output-files.ts';

describe('the listing of the output', () => {
  const dirs: string[] = [];
  afterEach(() => {
    releaseListing();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const site = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-listing-'));
    dirs.push(dir);
    return dir;
  };
  const write = (dir: string, f: string) => {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), f);
  };
  const sorted = (dir: string) => outputFiles(dir).sort();

  it('holds the pages’ folders, lists the top and the search indexes afresh, and forgets what pruning deleted', () => {
    const dir = site();
    for (const f of ['index.html', 'problems/GS-1/index.html', 'problems/GS-2/index.html', 'pagefind/old.pf_meta']) write(dir, f);
    holdListing(dir);
    // What the steps after the pages write: the sitemap at the top, the search indexes in their folders.
    write(dir, 'sitemap-0.xml');
    unlinkSync(join(dir, 'pagefind/old.pf_meta'));
    write(dir, 'pagefind/new.pf_meta');
    write(dir, 'records-index/terms/0.json');
    unlinkSync(join(dir, 'problems/GS-2/index.html'));
    forgetFiles(dir, ['problems/GS-2/index.html']);
    const expected = ['index.html', 'pagefind/new.pf_meta', 'problems/GS-1/index.html', 'records-index/terms/0.json', 'sitemap-0.xml'];
    expect(sorted(dir)).toEqual(expected);
    // Another folder is listed as it is.
    const other = site();
    write(other, 'a/b.html');
    expect(sorted(other)).toEqual(['a/b.html']);
    releaseListing();
    expect(sorted(dir)).toEqual(expected);
    // Released: a file written in a page's folder is seen again.
    write(dir, 'problems/GS-3/index.html');
    expect(sorted(dir)).toContain('problems/GS-3/index.html');
  });

  it('lists files at every depth, and neither folders nor links', () => {
    const dir = site();
    for (const f of ['a.txt', 'x/y/z/deep.html', 'x/b c/空格 文件.csv']) write(dir, f);
    mkdirSync(join(dir, 'empty/inner'), { recursive: true });
    symlinkSync(join(dir, 'a.txt'), join(dir, 'x/link.txt'));
    expect(sorted(dir)).toEqual(['a.txt', 'x/b c/空格 文件.csv', 'x/y/z/deep.html']);
  });

  it('reads a held file’s size and time once, a file written later each time', () => {
    const dir = site();
    write(dir, 'problems/GS-1/index.html');
    holdListing(dir);
    const first = outputStat(dir, 'problems/GS-1/index.html');
    expect(first.size).toBe('problems/GS-1/index.html'.length);
    // Only what the steps read is held (a whole BigIntStats is about 600 bytes a file).
    expect(Object.keys(first).sort()).toEqual(['mtimeNs', 'size']);
    expect(typeof first.mtimeNs).toBe('bigint');
    // Held: a change after the pages (which no step makes) is not seen.
    utimesSync(join(dir, 'problems/GS-1/index.html'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(outputStat(dir, 'problems/GS-1/index.html').mtimeNs).toBe(first.mtimeNs);
    // Not held: read each time.
    write(dir, 'sitemap-0.xml');
    expect(outputStat(dir, 'sitemap-0.xml').size).toBe(13);
    writeFileSync(join(dir, 'sitemap-0.xml'), 'longer text of the sitemap');
    expect(outputStat(dir, 'sitemap-0.xml').size).toBe(26);
    // Forgotten (pruned) or released: read again.
    forgetFiles(dir, ['problems/GS-1/index.html']);
    expect(outputStat(dir, 'problems/GS-1/index.html').mtimeNs).not.toBe(first.mtimeNs);
    releaseListing();
    writeFileSync(join(dir, 'problems/GS-1/index.html'), 'x');
    expect(outputStat(dir, 'problems/GS-1/index.html').size).toBe(1);
  });
});
