/**
 * After the build: writes the host's files — `_headers`, `_nginx.conf` and `_nginx-brotli.conf`,
 * all from one set of rules (src/build/hosting/rules.ts) — and the pre-compressed copies of the
 * text files (src/build/hosting/compress.ts). Runs last, once every other integration has
 * written its files (the search index, the sitemap). The pages' copies are mostly made while
 * Astro renders the others (EarlyCompression, fed by src/build/page-feed.ts).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeHostFiles } from '../build/hosting/host-files.ts';
import { COMPRESS_BATCH_PAGES, EarlyCompression } from '../build/hosting/compress.ts';
import { config } from '../build/config.ts';
import { addPageFeed, outputFileOf, removePageFeed, type PageFeed } from '../build/page-feed.ts';
import { releaseListing } from '../build/output-files.ts';

export default function hosting(): AstroIntegration {
  let base = '/';
  let outDir = '';
  let early: EarlyCompression | undefined;
  let feeding: PageFeed | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    name: 'gushan-hosting',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        // SEARCH_FEED_BATCH sets the batches of both steps fed with pages (the tests' small sites use small ones).
        const compression = new EarlyCompression(outDir, config().searchFeedBatch ?? COMPRESS_BATCH_PAGES);
        early = compression;
        feeding = (pathname, bytes) => {
          const file = outputFileOf(pathname, base);
          if (file !== undefined) compression.add(file, bytes);
        };
        addPageFeed(feeding);
        // A batch is ready once Astro has written its pages, which it does after handing them over.
        timer = setInterval(() => compression.tick(), 100);
        timer.unref();
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (feeding) removePageFeed(feeding);
        clearInterval(timer);
        const made = await early?.finish();
        early = undefined;
        const started = performance.now();
        // The last step that lists the output: the listing held since the pages were written goes (src/build/output-files.ts).
        const r = await writeHostFiles(fileURLToPath(dir), base, made).finally(releaseListing);
        const mb = (n: number) => (n / 1e6).toFixed(1);
        logger.info(
          `压缩 ${r.compressed.length} 个文件（其中 ${r.early} 个在生成页面期间压缩；${mb(r.bytes.source)} MB → gzip ${mb(r.bytes.gzip)} MB，br ${mb(r.bytes.brotli)} MB），` +
            `${r.kept} 个未变，删除 ${r.removed.length} 个过期的压缩文件；${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      },
    },
  };
}
