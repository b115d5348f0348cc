/**
 * The compressed copies (src/build/hosting/compress.ts) made on worker threads: what they hold,
 * the same manifest whatever order the threads finish in, copies made again only from other
 * content, and a file that cannot be read named in the error. The build's own copies are
 * checked in test/build/hosting.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import {
  BROTLI_QUALITY,
  CompressAhead,
  CompressPool,
  GZIP_LEVEL,
  MANIFEST,
  compressOutput,
  readManifest,
  writeManifest,
  type Manifest,
} from '../../src/build/hosting/compress.ts';

const page = (text: string, times = 200) => `<!doctype html><html lang="zh-CN"><body><main>${`<p>${text}</p>`.repeat(times)}</main></body></html>`;

describe('compressed copies made on worker threads', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const site = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-compress-'));
    dirs.push(dir);
    for (const [rel, body] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), body);
    }
    return dir;
  };
  const copiesOf = (dir: string, rel: string) => ({
    gz: gunzipSync(readFileSync(join(dir, `${rel}.gz`))).toString(),
    br: brotliDecompressSync(readFileSync(join(dir, `${rel}.br`))).toString(),
  });

  it('gives back each file exactly, and writes the same manifest whichever thread finishes first', async () => {
    // A large file first, so that with two threads the small ones after it finish before it.
    const files: Record<string, string> = { 'a/index.html': page('鼓山镇 大文件', 40_000) };
    for (let i = 0; i < 30; i++) files[`p/${String(i).padStart(2, '0')}/index.html`] = page(`问题 GS-2019-${i}`);
    const dir = site(files);
    // At most three files waiting at a time: the queue's bound is exercised too.
    const r = await compressOutput(dir, { threads: 2, maxQueued: 3 });
    expect(r.compressed).toEqual(Object.keys(files).sort());
    for (const [rel, body] of Object.entries(files)) expect(copiesOf(dir, rel)).toEqual({ gz: body, br: body });
    const written = readFileSync(join(dir, MANIFEST), 'utf8');
    expect(Object.keys((JSON.parse(written) as { files: object }).files)).toEqual(Object.keys(files).sort());
    // Another run over other threads, from scratch: the same manifest, byte for byte.
    const again = site(files);
    await compressOutput(again, { threads: 1 });
    expect(readFileSync(join(again, MANIFEST), 'utf8').replace(/"mtimeNs":"\d+"/g, '')).toBe(written.replace(/"mtimeNs":"\d+"/g, ''));
  });

  it('hashes a file written again with the same content and keeps its copies; other content is compressed again', async () => {
    const body = page('已整改');
    const dir = site({ 'problems/GS-1/index.html': body });
    await compressOutput(dir, { threads: 1 });
    const copyTime = statSync(join(dir, 'problems/GS-1/index.html.br'), { bigint: true }).mtimeNs;
    writeFileSync(join(dir, 'problems/GS-1/index.html'), body);
    expect(await compressOutput(dir, { threads: 1 })).toMatchObject({ compressed: [], kept: 1 });
    expect(statSync(join(dir, 'problems/GS-1/index.html.br'), { bigint: true }).mtimeNs).toBe(copyTime);
    const withdrawn = page('已隐去：个人信息');
    writeFileSync(join(dir, 'problems/GS-1/index.html'), withdrawn);
    expect(await compressOutput(dir, { threads: 1 })).toMatchObject({ compressed: ['problems/GS-1/index.html'], kept: 0 });
    expect(copiesOf(dir, 'problems/GS-1/index.html')).toEqual({ gz: withdrawn, br: withdrawn });
  });

  it('makes every copy again when the manifest was written with other levels or in an older format, as a clean build would', async () => {
    const files = { 'index.html': page('首页'), 'problems/GS-1/index.html': page('已整改') };
    const dir = site(files);
    await compressOutput(dir, { threads: 1 });
    const clean = Object.fromEntries(Object.keys(files).map((f) => [f, readFileSync(join(dir, `${f}.gz`))]));
    const written = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { levels: { gzip: number; brotli: number }; files: object };
    const older = [
      { ...written, levels: { ...written.levels, gzip: written.levels.gzip === 9 ? 1 : 9 } },
      { ...written, levels: { ...written.levels, brotli: 11 } },
      // The format before the levels were written: the files' entries at the top.
      written.files,
    ];
    for (const manifest of older) {
      // Copies made with the other levels (stood in for by level 1): the files and their times unchanged.
      for (const f of Object.keys(files)) writeFileSync(join(dir, `${f}.gz`), gzipSync(files[f as keyof typeof files], { level: 1 }));
      writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
      expect(await compressOutput(dir, { threads: 1 })).toMatchObject({ compressed: Object.keys(files).sort(), kept: 0 });
      for (const f of Object.keys(files)) expect(readFileSync(join(dir, `${f}.gz`)).equals(clean[f]!)).toBe(true);
    }
    // Written with this build's levels: trusted from then on.
    expect(await compressOutput(dir, { threads: 1 })).toMatchObject({ compressed: [], kept: 2 });
  });

  it('makes the copies again when one of them is missing, even from the same content', async () => {
    const dir = site({ 'index.html': page('首页') });
    await compressOutput(dir, { threads: 1 });
    rmSync(join(dir, 'index.html.gz'));
    writeFileSync(join(dir, 'index.html'), page('首页'));
    expect((await compressOutput(dir, { threads: 1 })).compressed).toEqual(['index.html']);
    expect(copiesOf(dir, 'index.html').gz).toBe(page('首页'));
  });

  it('writes copies the manifest trusts by content through a temporary file, so a stopped build leaves no cut-off copy that is trusted', async () => {
    const dir = site({ 'index.html': page('首页') });
    await compressOutput(dir, { threads: 1 });
    rmSync(join(dir, 'index.html.gz'));
    // A second name for the old brotli copy: a copy rewritten in place would change under it too.
    linkSync(join(dir, 'index.html.br'), join(dir, 'old.br'));
    await compressOutput(dir, { threads: 1 });
    expect(statSync(join(dir, 'index.html.br')).ino).not.toBe(statSync(join(dir, 'old.br')).ino);
    expect(copiesOf(dir, 'index.html')).toEqual({ gz: page('首页'), br: page('首页') });
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('deletes a copy half written by a build that stopped (its .partial), and the copies of a page no longer there', async () => {
    const dir = site({ 'index.html': page('首页'), 'problems/GS-1/index.html': page('GS-1') });
    await compressOutput(dir, { threads: 1 });
    writeFileSync(join(dir, 'problems/GS-1/index.html.gz.partial'), 'cut off');
    rmSync(join(dir, 'problems/GS-1/index.html'));
    const r = await compressOutput(dir, { threads: 1 });
    expect(r.removed).toEqual(['problems/GS-1/index.html.br', 'problems/GS-1/index.html.gz']);
    expect(readdirSync(join(dir, 'problems/GS-1'))).toEqual([]);
    expect(r.kept).toBe(1);
  });

  it('compresses a large file in pieces: the same content back, the same hash, a new copy written whole through a temporary name', async () => {
    const large = page('鼓山镇企业环境信用评价 2025 年度', 3_000);
    const files = { 'data/ratings.json': large, 'index.html': page('首页') };
    const whole = site(files);
    await compressOutput(whole, { threads: 1 });
    // From 64 KB on, in pieces: only the large file.
    const dir = site(files);
    const r = await compressOutput(dir, { threads: 2, maxQueued: 3, streamFrom: 64 * 1024 });
    expect(r.compressed).toEqual(['data/ratings.json', 'index.html']);
    expect(copiesOf(dir, 'data/ratings.json')).toEqual({ gz: large, br: large });
    expect(r.bytes.gzip).toBe(statSync(join(dir, 'data/ratings.json.gz')).size + statSync(join(dir, 'index.html.gz')).size);
    expect(r.bytes.brotli).toBe(statSync(join(dir, 'data/ratings.json.br')).size + statSync(join(dir, 'index.html.br')).size);
    const manifest = (d: string) => readFileSync(join(d, MANIFEST), 'utf8').replace(/"mtimeNs":"\d+"/g, '');
    expect(manifest(dir)).toBe(manifest(whole));
    // Other content: its copies are written anew, through a temporary name (a file read whole has its copies rewritten in place).
    linkSync(join(dir, 'data/ratings.json.br'), join(dir, 'old.br'));
    const changed = page('鼓山镇企业环境信用评价 2026 年度', 3_000);
    writeFileSync(join(dir, 'data/ratings.json'), changed);
    expect((await compressOutput(dir, { threads: 1, streamFrom: 64 * 1024 })).compressed).toEqual(['data/ratings.json']);
    expect(statSync(join(dir, 'data/ratings.json.br')).ino).not.toBe(statSync(join(dir, 'old.br')).ino);
    expect(copiesOf(dir, 'data/ratings.json')).toEqual({ gz: changed, br: changed });
    // The same content written again is hashed in pieces and its copies kept.
    writeFileSync(join(dir, 'data/ratings.json'), changed);
    expect(await compressOutput(dir, { threads: 1, streamFrom: 64 * 1024 })).toMatchObject({ compressed: [], kept: 2 });
    expect(readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('compresses the large files a thread is given one after another, the small ones meanwhile', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`data/table-${i}.json`] = page(`鼓山镇第 ${i} 张表`, 3_000);
    files['index.html'] = page('首页');
    const dir = site(files);
    const pool = new CompressPool(1, 64 * 1024);
    const done = await Promise.all(Object.keys(files).map((rel) => pool.run({ path: join(dir, rel) })));
    await pool.close();
    expect(done.map((d) => d.error)).toEqual(Object.keys(files).map(() => undefined));
    // Each large file alone in its thread's streams; the small one read whole.
    expect(done.map((d) => d.inPiecesAtOnce)).toEqual([1, 1, 1, 1, 1, undefined]);
    for (const [rel, body] of Object.entries(files)) expect(copiesOf(dir, rel)).toEqual({ gz: body, br: body });
  });

  it('reports a file it cannot read, and refuses work once closed', async () => {
    const dir = site({});
    const pool = new CompressPool(2);
    const done = await pool.run({ path: join(dir, 'gone.html') });
    expect(done.error).toMatch(/ENOENT/);
    await pool.close();
    await expect(pool.run({ path: join(dir, 'gone.html') })).rejects.toThrow('压缩线程已关闭');
  });

  describe('copies made ahead, while the pages are rendered', () => {
    /** Ticks until the thread has taken every page it can, then finishes. */
    // Ticks, then waits for the thread to give back what it was handed (finish() stops what it has not begun).
    const finishAhead = async (ahead: CompressAhead, ticks = 5) => {
      for (let i = 0; i < ticks; i++) {
        ahead.tick();
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let waited = 0; ahead.inFlight() > 0 && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      return ahead.finish();
    };
    const bytesOf = (text: string) => Buffer.byteLength(text);
    const mtimeOf = (dir: string, rel: string) => statSync(join(dir, rel), { bigint: true }).mtimeNs;

    it('compresses each page once written in full, on a thread of the lowest priority, and compressOutput takes those copies as they are', async () => {
      const pages: Record<string, string> = {};
      for (let i = 0; i < 12; i++) pages[`problems/GS-${i}/index.html`] = page(`问题 GS-2019-${i} 已整改`);
      const dir = site({});
      const ahead = new CompressAhead(dir, Date.now() - 1000);
      // Rendered before written: a page is taken only once its file is as long as it was rendered.
      for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
      ahead.add('tiny/index.html', 10);
      ahead.add('_astro/app.woff2', 5000);
      const [first, ...rest] = Object.entries(pages);
      mkdirSync(dirname(join(dir, first![0])), { recursive: true });
      writeFileSync(join(dir, first![0]), first![1].slice(0, 100));
      ahead.tick();
      for (const [rel, body] of [first!, ...rest]) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), body);
      }
      ahead.tick();
      // The thread lowers its own priority once started, which on a busy machine takes a while.
      const niced = () => readdirSync('/proc/self/task').some((t) => readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16] === '19');
      for (let waited = 0; !niced() && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(niced()).toBe(true);
      const done = await finishAhead(ahead);
      const made = done.made;
      expect([...made.keys()].sort()).toEqual(Object.keys(pages).sort());
      for (const [rel, body] of Object.entries(pages)) expect(copiesOf(dir, rel)).toEqual({ gz: body, br: body });
      const copyTimes = Object.keys(pages).map((rel) => mtimeOf(dir, `${rel}.br`));
      const r = await compressOutput(dir, { threads: 1, ahead: done });
      expect(r.compressed).toEqual(Object.keys(pages).sort());
      expect(r.bytes.source).toBe(Object.values(pages).reduce((n, b) => n + bytesOf(b), 0));
      expect(r.bytes.gzip).toBe(Object.keys(pages).reduce((n, rel) => n + statSync(join(dir, `${rel}.gz`)).size, 0));
      // Not compressed again: the copies are the ones made ahead.
      expect(Object.keys(pages).map((rel) => mtimeOf(dir, `${rel}.br`))).toEqual(copyTimes);
      // The same manifest as copies made at the end.
      const atEnd = site(pages);
      await compressOutput(atEnd, { threads: 1 });
      const manifest = (d: string) => readFileSync(join(d, MANIFEST), 'utf8').replace(/"mtimeNs":"\d+"/g, '');
      expect(manifest(dir)).toBe(manifest(atEnd));
    });

    it('takes the pages it had no room for once the pages are written, and none after finishing', async () => {
      const pages: Record<string, string> = {};
      for (let i = 0; i < 8; i++) pages[`credit/E${i}/index.html`] = page(`企业 E${i} 绿色`);
      // Before the files are written: on a busy machine writing them can take longer than a second.
      const since = Date.now() - 1000;
      const dir = site(pages);
      const ahead = new CompressAhead(dir, since, undefined, 3);
      for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
      const tickFor = async (n: number) => {
        for (let i = 0; i < n; i++) {
          ahead.tick();
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await tickFor(5);
      // While the pages are rendered: room for three waiting pages, the others wait.
      const copies = () => Object.keys(pages).filter((rel) => existsSync(join(dir, `${rel}.br`)));
      for (let waited = 0; copies().length < 3 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(copies()).toHaveLength(3);
      ahead.drain();
      const done = await finishAhead(ahead, 10);
      expect([...done.made.keys()].sort()).toEqual(Object.keys(pages).sort());
      for (const [rel, body] of Object.entries(pages)) expect(copiesOf(dir, rel)).toEqual({ gz: body, br: body });
      // Finished: a page rendered later is left to compressOutput.
      ahead.add('late/index.html', bytesOf(page('迟')));
      ahead.drain();
      ahead.tick();
      expect(done.made.has('late/index.html')).toBe(false);
    });

    it('hands the thread, while the pages are rendered, more written pages than it compresses between two ticks', async () => {
      const pages: Record<string, string> = {};
      for (let i = 0; i < 300; i++) pages[`problems/GS-${i}/index.html`] = page(`问题 GS-${i} 待整改`);
      const since = Date.now() - 1000;
      const dir = site(pages);
      const ahead = new CompressAhead(dir, since);
      for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
      // One tick: the thread holds every page already written in full, not the few dozen of a tick before.
      ahead.tick();
      expect(ahead.inFlight()).toBe(300);
      for (let waited = 0; ahead.inFlight() > 0 && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      const done = await ahead.finish();
      expect(done.made.size).toBe(300);
    });

    it('hands a file another step wrote (a download) at the next tick, ahead of the pages, even when the pages have no room', async () => {
      const pages: Record<string, string> = {};
      for (let i = 0; i < 6; i++) pages[`credit/E${i}/index.html`] = page(`企业 E${i} 黄色`);
      const download = page('表格', 2_000);
      const since = Date.now() - 1000;
      const dir = site({ ...pages, 'data/credit-ratings.json': download });
      // Room for three waiting pages: the others wait for the pages to be written.
      const ahead = new CompressAhead(dir, since, undefined, 3);
      for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
      ahead.addWritten('data/credit-ratings.json', bytesOf(download));
      ahead.tick();
      const done = await finishAhead(ahead);
      expect(done.made.has('data/credit-ratings.json')).toBe(true);
      expect(copiesOf(dir, 'data/credit-ratings.json')).toEqual({ gz: download, br: download });
      expect(done.made.size).toBe(4);
    });

    it('hands every written page at once after the pages, and at finish gives back untouched those not begun, for compressOutput', async () => {
      const pages: Record<string, string> = {};
      for (let i = 0; i < 300; i++) pages[`problems/GS-${i}/index.html`] = page(`问题 GS-${i} 整改中`);
      const since = Date.now() - 1000;
      const dir = site(pages);
      // Room for three while the pages are rendered; once they are written, no limit.
      const ahead = new CompressAhead(dir, since, undefined, 3);
      for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
      ahead.drain();
      for (let i = 0; i < 120 && ahead.inFlight() < 300; i++) ahead.tick();
      expect(ahead.inFlight()).toBe(300);
      // Stopped at once: the thread finishes what it began and begins nothing more.
      const done = await ahead.finish();
      expect(done.made.size).toBeLessThan(300);
      // Only the pages it compressed count as touched: the others' copies are as they were.
      expect([...done.touched].sort()).toEqual([...done.made.keys()].sort());
      const r = await compressOutput(dir, { threads: 2, ahead: done });
      expect(r.compressed).toEqual(Object.keys(pages).sort());
      for (const [rel, body] of Object.entries(pages)) expect(copiesOf(dir, rel)).toEqual({ gz: body, br: body });
    });

    it(
      'goes on while the main thread is held by a step: the thread holds every page handed, not only as many as a reply lets through',
      { timeout: 90_000 },
      async () => {
        const pages: Record<string, string> = {};
        for (let i = 0; i < 600; i++) pages[`credit/E${i}/index.html`] = page(`企业 E${i} 蓝色`, 60);
        const since = Date.now() - 1000;
        const dir = site(pages);
        const ahead = new CompressAhead(dir, since);
        for (const [rel, body] of Object.entries(pages)) ahead.add(rel, bytesOf(body));
        ahead.drain();
        ahead.tick();
        expect(ahead.inFlight()).toBe(600);
        // A step that holds the main thread (the search index): no reply is read meanwhile. It holds it until the
        // thread has written more than 256 pages' copies, which a pool that handed the thread 256 at a time and the
        // rest on its replies never does (the thread runs at the lowest priority: on a busy machine it takes a while).
        const sleep = new Int32Array(new SharedArrayBuffer(4));
        const copied = () => Object.keys(pages).filter((rel) => existsSync(join(dir, `${rel}.br`))).length;
        const until = Date.now() + 60_000;
        while (copied() <= 256 && Date.now() < until) Atomics.wait(sleep, 0, 0, 50);
        expect(copied()).toBeGreaterThan(256);
        const done = await ahead.finish();
        expect(done.made.size).toBeGreaterThan(256);
      },
    );

    it('leaves an earlier build’s file of the same length alone, and compresses again a page written after its copies were made', async () => {
      const old = page('旧内容 2024');
      const since = Date.now() - 1000;
      const dir = site({ 'a/index.html': old, 'b/index.html': page('乙') });
      // An earlier build's files: modified well before this build began.
      const past = new Date(Date.now() - 3_600_000);
      utimesSync(join(dir, 'a/index.html'), past, past);
      const ahead = new CompressAhead(dir, since);
      ahead.add('a/index.html', bytesOf(old));
      ahead.add('b/index.html', bytesOf(page('乙')));
      const done = await finishAhead(ahead);
      const made = done.made;
      expect([...made.keys()]).toEqual(['b/index.html']);
      // b is written again after its copies were made (another time, as a later write gives it).
      const withdrawn = page('已隐去');
      writeFileSync(join(dir, 'b/index.html'), withdrawn);
      const later = new Date(Date.now() + 5000);
      utimesSync(join(dir, 'b/index.html'), later, later);
      const r = await compressOutput(dir, { threads: 1, ahead: done });
      expect(r.compressed).toEqual(['a/index.html', 'b/index.html']);
      expect(copiesOf(dir, 'b/index.html')).toEqual({ gz: withdrawn, br: withdrawn });
      expect(copiesOf(dir, 'a/index.html')).toEqual({ gz: old, br: old });
    });

    it('takes no page once finished, and keeps the copies of content they were already made from', async () => {
      const body = page('首页');
      const dir = site({ 'index.html': body });
      await compressOutput(dir, { threads: 1 });
      const copyTime = mtimeOf(dir, 'index.html.br');
      writeFileSync(join(dir, 'index.html'), body);
      const ahead = new CompressAhead(dir, Date.now() - 1000);
      ahead.add('index.html', bytesOf(body));
      const done = await finishAhead(ahead);
      const made = done.made;
      expect(made.get('index.html')).toMatchObject({ size: bytesOf(body) });
      expect(made.get('index.html')?.written).toBeUndefined();
      expect(mtimeOf(dir, 'index.html.br')).toBe(copyTime);
      expect(await compressOutput(dir, { threads: 1, ahead: done })).toMatchObject({ compressed: [], kept: 1 });
      ahead.add('index.html', bytesOf(body));
      ahead.tick();
      expect(made.size).toBe(1);
    });
    it('leaves no copy trusted by its hash after a build that stopped during the pages, even once the content is back to what it was', async () => {
      const before = page('联系电话 138 0000 0000');
      const dir = site({ 'problems/GS-1/index.html': before });
      await compressOutput(dir, { threads: 1 });
      const path = join(dir, 'problems/GS-1/index.html');
      const ahead = new CompressAhead(dir, Date.now() - 1000);
      // The manifest on disk no longer vouches for copies by their content's hash while the build runs.
      expect(
        Object.values((JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: Record<string, { unsure?: boolean }> }).files).every((e) => e.unsure),
      ).toBe(true);
      const other = page('已隐去');
      writeFileSync(path, other);
      ahead.add('problems/GS-1/index.html', bytesOf(other));
      await finishAhead(ahead);
      expect(copiesOf(dir, 'problems/GS-1/index.html')).toEqual({ gz: other, br: other });
      // The build stops here (no compressOutput); the next renders the page as it was before.
      writeFileSync(path, before);
      const later = new Date(Date.now() + 5000);
      utimesSync(path, later, later);
      expect((await compressOutput(dir, { threads: 1 })).compressed).toEqual(['problems/GS-1/index.html']);
      expect(copiesOf(dir, 'problems/GS-1/index.html')).toEqual({ gz: before, br: before });
      // That build's manifest vouches again.
      expect(readFileSync(join(dir, MANIFEST), 'utf8')).not.toContain('unsure');
    });
  });
});

describe('the order of the copies’ integrations (astro.config.mjs)', () => {
  it('begins compressing ahead first, and finishes the copies last, where the thread is stopped before the copies are listed', () => {
    const conf = readFileSync(new URL('../../astro.config.mjs', import.meta.url), 'utf8');
    const list = conf.slice(conf.indexOf('integrations: ['), conf.indexOf('],', conf.indexOf('integrations: [')));
    const entries = [...list.matchAll(/^\s{4}([\w.]+)(?:\(|,)/gm)].map((m) => m[1]);
    expect(entries[0]).toBe('copies.ahead');
    expect(entries.at(-1)).toBe('copies.hosting');
    // The thread goes on through every step between: none of them lists a copy (test/unit/output-files.test.ts).
    expect(entries.filter((e) => e?.startsWith('copies.'))).toEqual(['copies.ahead', 'copies.hosting']);
    const hosting = readFileSync(new URL('../../src/integrations/hosting.ts', import.meta.url), 'utf8');
    const done = hosting.slice(hosting.indexOf('hosting: {'));
    expect(done.indexOf('ahead?.finish()')).toBeGreaterThan(-1);
    expect(done.indexOf('ahead?.finish()')).toBeLessThan(done.indexOf('writeHostFiles('));
  });
});

describe('the manifest of the copies', () => {
  it('is written a piece at a time, in the order of the names, as the same text as the whole object would be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-manifest-'));
    try {
      // More entries than one piece, in the order threads would finish in, with names JSON must escape.
      const files: Manifest = {};
      const names = Array.from({ length: 10_001 }, (_, i) => `problems/GS-${(i * 7919) % 10_001}/index.html`).concat(['data/"引号".csv', 'credit/\\x.json']);
      for (const [i, n] of names.entries())
        files[n] = {
          hash: `h${i}`,
          size: 1024 + i,
          mtimeNs: String(1_700_000_000_000_000_000n + BigInt(i)),
          ...(i % 3 === 0 ? { unsure: true as const } : {}),
        };
      writeManifest(dir, files);
      const text = readFileSync(join(dir, MANIFEST), 'utf8');
      const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(text).toBe(`${JSON.stringify({ levels: { gzip: GZIP_LEVEL, brotli: BROTLI_QUALITY }, files: sorted })}\n`);
      expect(readManifest(dir)).toEqual(files);
      expect(readdirSync(dir)).toEqual([MANIFEST]);
      // None at all: still a manifest, with no files.
      writeManifest(dir, {});
      expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'))).toEqual({ levels: { gzip: GZIP_LEVEL, brotli: BROTLI_QUALITY }, files: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
