/**
 * The compression part of `npm run bench`: what the build's pre-compressed copies
 * (src/build/hosting/compress.ts) weigh per page type, what they add to the output, and what
 * each level would cost — the figures the chosen levels rest on.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { outputFiles } from '../src/build/output-files.ts';
import { compressible, MIN_COMPRESS_BYTES } from '../src/build/hosting/compress.ts';
import { pageType } from '../src/build/size-report.ts';

export interface CompressBench {
  /** Per page type: average HTML, gzip and brotli bytes of its pages. */
  pageTypes: Array<{ type: string; pages: number; html: number; gzip: number; brotli: number }>;
  /** The site's own files, and the copies beside them. */
  site: { files: number; bytes: number };
  copies: { files: number; bytes: number };
  /** Each level on a sample of the text files: output as a share of input, and speed on one core. */
  levels: Array<{ name: string; ratio: number; mbPerSecond: number }>;
  sampleMb: number;
}

export function benchCompress(dir: string, sampleFiles = 2000): CompressBench {
  const files = outputFiles(dir).sort();
  const size = (f: string) => statSync(join(dir, f)).size;
  const copies = files.filter((f) => /\.(gz|br)$/.test(f));
  const own = files.filter((f) => !/\.(gz|br)$/.test(f));
  const byType = new Map<string, { pages: number; html: number; gzip: number; brotli: number }>();
  for (const f of own.filter((x) => x.endsWith('.html'))) {
    const t = byType.get(pageType(f)) ?? { pages: 0, html: 0, gzip: 0, brotli: 0 };
    const html = size(f);
    t.pages++;
    t.html += html;
    // A small page has no copies: it is sent as it is.
    t.gzip += copies.includes(`${f}.gz`) ? size(`${f}.gz`) : html;
    t.brotli += copies.includes(`${f}.br`) ? size(`${f}.br`) : html;
    byType.set(pageType(f), t);
  }
  // An even sample of the compressible files, so every page type is in it.
  const text = own.filter((f) => compressible(f) && size(f) >= MIN_COMPRESS_BYTES);
  const step = Math.max(1, Math.floor(text.length / sampleFiles));
  const sample = text.filter((_, i) => i % step === 0).map((f) => readFileSync(join(dir, f)));
  const input = sample.reduce((n, b) => n + b.length, 0);
  const level = (name: string, f: (b: Buffer) => Buffer) => {
    const started = performance.now();
    let out = 0;
    for (const b of sample) out += f(b).length;
    const seconds = (performance.now() - started) / 1000;
    return { name, ratio: Number((out / input).toFixed(3)), mbPerSecond: Number((input / 1e6 / seconds).toFixed(1)) };
  };
  const br = (q: number) => (b: Buffer) =>
    brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: q, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } });
  const sum = (list: string[]) => list.reduce((n, f) => n + size(f), 0);
  return {
    pageTypes: [...byType].map(([type, t]) => ({
      type,
      pages: t.pages,
      html: Math.round(t.html / t.pages),
      gzip: Math.round(t.gzip / t.pages),
      brotli: Math.round(t.brotli / t.pages),
    })),
    site: { files: own.length, bytes: sum(own) },
    copies: { files: copies.length, bytes: sum(copies) },
    levels: [
      level('gzip 6', (b) => gzipSync(b, { level: 6 })),
      level('gzip 9', (b) => gzipSync(b, { level: 9 })),
      level('brotli 5', br(5)),
      level('brotli 7', br(7)),
      level('brotli 9', br(9)),
      level('brotli 11', br(11)),
    ],
    sampleMb: Number((input / 1e6).toFixed(1)),
  };
}

export function printCompressBench(size: string, c: CompressBench): void {
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `${size} compressed copies: site ${(c.site.bytes / 1e6).toFixed(1)} MB in ${c.site.files} files, copies ${(c.copies.bytes / 1e6).toFixed(1)} MB in ${c.copies.files} files`,
  );
  console.log('| page type | pages | HTML KB | gzip KB | brotli KB |\n| --- | --- | --- | --- | --- |');
  for (const t of c.pageTypes) console.log(`| ${t.type} | ${t.pages} | ${kb(t.html)} | ${kb(t.gzip)} | ${kb(t.brotli)} |`);
  console.log(`levels on ${c.sampleMb} MB of the site's text files (one core):`);
  for (const l of c.levels) console.log(`  ${l.name.padEnd(10)} ${(l.ratio * 100).toFixed(1)} % of the input, ${l.mbPerSecond} MB/s`);
}
