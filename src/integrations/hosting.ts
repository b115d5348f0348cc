/**
 * After the build: writes the host's files — `_headers`, `_nginx.conf` and `_nginx-brotli.conf`,
 * all from one set of rules (src/build/hosting/rules.ts) — and the pre-compressed copies of the
 * text files (src/build/hosting/compress.ts). Runs last, once every other integration has
 * written its files (the search index, the sitemap).
 *
 * The pages' copies are made while the pages are rendered, on one thread beside Astro's
 * (EarlyCompression); the rest, and any page that thread had no time for, after the pages on
 * every core. The early copies are all written before the hooks after the pages list the output.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeHostFiles } from '../build/hosting/host-files.ts';
import { CompressPool, EarlyCompression, compressThreads, type MadeEarly } from '../build/hosting/compress.ts';
import { addPageFeed, outputFileOf, removePageFeed, type PageFeed } from '../build/page-feed.ts';
import { releaseListing } from '../build/output-files.ts';

export default function hosting(): AstroIntegration {
  let base = '/';
  let outDir = '';
  let pool: CompressPool | undefined;
  let early: EarlyCompression | undefined;
  let feeding: PageFeed | undefined;
  let made: ReadonlyMap<string, MadeEarly> = new Map();
  const stopFeeding = () => {
    if (feeding) removePageFeed(feeding);
    feeding = undefined;
  };
  return {
    name: 'gushan-hosting',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        // One thread: the other core renders the pages.
        pool = new CompressPool(1);
        const compressing = new EarlyCompression(outDir, pool);
        early = compressing;
        feeding = (pathname, _page, html) => {
          const rel = outputFileOf(pathname, base);
          if (rel !== undefined) compressing.page(rel, html);
        };
        addPageFeed(feeding);
      },
      'astro:build:generated': async ({ logger }) => {
        stopFeeding();
        if (!early) return;
        made = await early.done();
        if (early.left > 0) logger.info(`生成页面期间压缩线程来不及处理 ${early.left} 个页面，留到构建结束时压缩`);
        if (early.failure) logger.warn(`生成页面期间有页面未能压缩，将在构建结束时重新压缩：${early.failure.message}`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        stopFeeding();
        const started = performance.now();
        const threads = pool ?? new CompressPool(compressThreads());
        threads.grow(compressThreads());
        try {
          // The last step that lists the output: the listing held since the pages were written goes (src/build/output-files.ts).
          const r = await writeHostFiles(fileURLToPath(dir), base, { pool: threads, early: made }).finally(releaseListing);
          const mb = (n: number) => (n / 1e6).toFixed(1);
          logger.info(
            `压缩 ${r.compressed.length} 个文件（其中 ${r.early} 个在生成页面期间；${mb(r.bytes.source)} MB → gzip ${mb(r.bytes.gzip)} MB，br ${mb(r.bytes.brotli)} MB），` +
              `${r.kept} 个未变，删除 ${r.removed.length} 个过期的压缩文件；${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        } finally {
          await threads.close();
          pool = undefined;
          early = undefined;
          made = new Map();
        }
      },
    },
  };
}
