/**
 * The compressed copies (src/build/hosting/compress.ts) made on worker threads, and the pages'
 * copies made while the pages render (EarlyCompression): never trusted unchecked, never written
 * outside the output, never lost when the thread falls behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CompressPool, EarlyCompression, MANIFEST, compressOutput } from '../../src/build/hosting/compress.ts';

const page = (text: string) => Buffer.from(`<!doctype html><html lang="zh-CN"><body><main>${`<p>${text}</p>`.repeat(200)}</main></body></html>`);

describe('compressed copies made on worker threads', () => {
  const dirs: string[] = [];
  const pools: CompressPool[] = [];
  afterEach(async () => {
    for (const p of pools.splice(0)) await p.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const site = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gushan-compress-'));
    dirs.push(dir);
    return dir;
  };
  const pool = (threads = 1) => {
    const p = new CompressPool(threads);
    pools.push(p);
    return p;
  };
  const write = (dir: string, rel: string, body: Buffer) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), body);
  };
  const copiesOf = (dir: string, rel: string) => ({
    gz: gunzipSync(readFileSync(join(dir, `${rel}.gz`))).toString(),
    br: brotliDecompressSync(readFileSync(join(dir, `${rel}.br`))).toString(),
  });

  it('makes a page’s copies as it is rendered, before Astro has made its folder, and does not make them twice', async () => {
    const dir = site();
    const threads = pool();
    const early = new EarlyCompression(dir, threads);
    const html = page('鼓山镇 问题 GS-2019-001');
    early.page('problems/GS-2019-001/index.html', html);
    const made = await early.done();
    expect(copiesOf(dir, 'problems/GS-2019-001/index.html')).toEqual({ gz: html.toString(), br: html.toString() });
    // Astro writes the page as rendered: the copies are checked against it, and kept.
    write(dir, 'problems/GS-2019-001/index.html', html);
    const copyTime = statSync(join(dir, 'problems/GS-2019-001/index.html.br')).mtimeMs;
    const r = await compressOutput(dir, { pool: threads, early: made });
    expect(r).toMatchObject({ compressed: ['problems/GS-2019-001/index.html'], early: 1, kept: 0, removed: [] });
    expect(r.bytes.gzip).toBeGreaterThan(0);
    expect(statSync(join(dir, 'problems/GS-2019-001/index.html.br')).mtimeMs).toBe(copyTime);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, { size: number }>;
    expect(manifest['problems/GS-2019-001/index.html']!.size).toBe(html.length);
  });

  it('makes the copies again when the file written is not the page it was given (a withdrawn value must not stay in a copy)', async () => {
    const dir = site();
    const threads = pool();
    const early = new EarlyCompression(dir, threads);
    early.page('problems/GS-2019-005/index.html', page('举报人电话 13800000000'));
    const made = await early.done();
    const written = page('已隐去：个人信息');
    write(dir, 'problems/GS-2019-005/index.html', written);
    const r = await compressOutput(dir, { pool: threads, early: made });
    expect(r).toMatchObject({ compressed: ['problems/GS-2019-005/index.html'], early: 0 });
    expect(copiesOf(dir, 'problems/GS-2019-005/index.html')).toEqual({ gz: written.toString(), br: written.toString() });
  });

  it('never writes outside the output, whatever the page’s address', async () => {
    const root = site();
    const dir = join(root, 'dist');
    mkdirSync(dir);
    const early = new EarlyCompression(dir, pool());
    for (const rel of ['../outside/index.html', '../dist-other/index.html', '/etc/gushan/index.html', 'a/../../b/index.html']) early.page(rel, page('x'));
    await early.done();
    expect(readdirSync(root)).toEqual(['dist']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a page to the end when the thread is behind, and the end makes its copies', async () => {
    const dir = site();
    const threads = pool();
    // Room for one page waiting: the pages given at once beyond it are left.
    const rels = ['a/index.html', 'b/index.html', 'c/index.html', 'd/index.html'];
    const early = new EarlyCompression(dir, threads, page(rels[0]!).length + 10);
    for (const rel of rels) early.page(rel, page(rel));
    expect(early.left).toBe(3);
    await early.done();
    // Once the thread has caught up, there is room again.
    rels.push('e/index.html');
    early.page('e/index.html', page('e/index.html'));
    expect(early.left).toBe(3);
    const made = await early.done();
    for (const rel of rels) write(dir, rel, page(rel));
    const r = await compressOutput(dir, { pool: threads, early: made });
    expect(r.compressed).toEqual(rels);
    expect(r.early).toBe(2);
    for (const rel of rels) expect(copiesOf(dir, rel).br).toBe(page(rel).toString());
  });

  it('skips what is not worth compressing or not text', async () => {
    const dir = site();
    const early = new EarlyCompression(dir, pool());
    early.page('small/index.html', Buffer.from('<p>小</p>'));
    early.page('logo.png', page('x'));
    await early.done();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a file it cannot read, and fails after closing', async () => {
    const dir = site();
    const threads = pool(2);
    const done = await threads.run({ path: join(dir, 'gone.html') });
    expect(done.error).toMatch(/ENOENT/);
    expect(existsSync(join(dir, 'gone.html.gz'))).toBe(false);
    await threads.close();
    await expect(threads.run({ path: join(dir, 'gone.html') })).rejects.toThrow('压缩线程已关闭');
  });
});
