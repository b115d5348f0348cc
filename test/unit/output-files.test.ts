/** The output's listing (src/build/output-files.ts), held while the steps after the pages run. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { forgetFiles, holdListing, outputCopies, outputFiles, outputStat, releaseListing, startListing } from '../../src/build/output-files.ts';
import { siteSizes } from '../../src/integrations/size-report.ts';
import { pruneOutput } from '../../src/build/prune-output.ts';
import { MANIFEST } from '../../src/build/hosting/compress.ts';

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

  it('holds the pages’ folders, lists the top and the search indexes afresh, and forgets what pruning deleted', async () => {
    const dir = site();
    for (const f of ['index.html', 'problems/GS-1/index.html', 'problems/GS-2/index.html', 'pagefind/old.pf_meta']) write(dir, f);
    await holdListing(dir);
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

  it('lists the compressed copies apart: a copy written, renamed or deleted while the listing is held makes no step fail', async () => {
    const dir = site();
    const files = ['index.html', 'problems/GS-1/index.html', 'problems/GS-2/index.html', 'data/problems.csv'];
    for (const f of files) write(dir, f);
    for (const f of ['index.html.gz', 'index.html.br', 'data/problems.csv.gz', MANIFEST]) write(dir, f);
    // The thread that compresses the pages is writing one copy as the listing is made.
    write(dir, 'problems/GS-1/index.html.gz.partial');
    const unheld = { files: sorted(dir), copies: outputCopies(dir).sort() };
    expect(unheld.files).toEqual([MANIFEST, ...files].sort());
    expect(unheld.copies).toEqual(['data/problems.csv.gz', 'index.html.br', 'index.html.gz', 'problems/GS-1/index.html.gz.partial']);
    await holdListing(dir);
    expect(outputCopies(dir).sort()).toEqual(unheld.copies);
    // It goes on after the listing: the copy is renamed into place, and another begun.
    renameSync(join(dir, 'problems/GS-1/index.html.gz.partial'), join(dir, 'problems/GS-1/index.html.gz'));
    write(dir, 'problems/GS-2/index.html.br.partial');
    // The steps after the pages stat every file they list: none is a copy.
    expect(sorted(dir)).toEqual([MANIFEST, ...files].sort());
    // The copies in the pages' folders as they were listed (the copies' step lists them once the thread has stopped).
    expect(outputCopies(dir).sort()).toEqual(unheld.copies);
    expect(() => siteSizes(dir, '/')).not.toThrow();
    expect(siteSizes(dir, '/').total.files).toBe(files.length + 1);
    // Pruning (an incremental build, every file older than its start) leaves the copies to the copies' step.
    expect(pruneOutput(dir, Date.now() + 60_000, new Set(files))).toEqual([]);
    expect(existsSync(join(dir, 'problems/GS-2/index.html.br.partial'))).toBe(true);
  });

  it('takes the listing begun on a thread, with the downloads written meanwhile and not the files they were written through', async () => {
    const dir = site();
    for (const f of ['index.html', 'problems/GS-1/index.html', 'data/villages.csv', 'data/old.csv.part', MANIFEST]) write(dir, f);
    startListing(dir);
    // Written while the thread lists, through a `.part` it may have seen: a new download and a rewritten one.
    write(dir, 'data/problems.csv.part');
    renameSync(join(dir, 'data/problems.csv.part'), join(dir, 'data/problems.csv'));
    write(dir, 'data/villages.csv.part');
    await holdListing(dir, ['data/problems.csv', 'data/villages.csv']);
    // The thread may have seen the `.part` of villages.csv still there: it is not listed.
    unlinkSync(join(dir, 'data/villages.csv.part'));
    // A `.part` left by a build that stopped (not a download of this one) stays listed, for pruning.
    expect(sorted(dir)).toEqual([MANIFEST, 'data/old.csv.part', 'data/problems.csv', 'data/villages.csv', 'index.html', 'problems/GS-1/index.html'].sort());
    expect(() => siteSizes(dir, '/')).not.toThrow();
    // The same as a listing made now, from the same folder.
    releaseListing();
    await holdListing(dir);
    expect(sorted(dir)).toEqual([MANIFEST, 'data/old.csv.part', 'data/problems.csv', 'data/villages.csv', 'index.html', 'problems/GS-1/index.html'].sort());
  });

  it('lists files at every depth, and neither folders nor links', async () => {
    const dir = site();
    for (const f of ['a.txt', 'x/y/z/deep.html', 'x/b c/空格 文件.csv']) write(dir, f);
    mkdirSync(join(dir, 'empty/inner'), { recursive: true });
    symlinkSync(join(dir, 'a.txt'), join(dir, 'x/link.txt'));
    expect(sorted(dir)).toEqual(['a.txt', 'x/b c/空格 文件.csv', 'x/y/z/deep.html']);
  });

  it('reads a held file’s size and time once, a file written later each time', async () => {
    const dir = site();
    write(dir, 'problems/GS-1/index.html');
    await holdListing(dir);
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
