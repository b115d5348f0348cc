/**
 * After the build: writes the host's files — `_headers`, `_nginx.conf` and `_nginx-brotli.conf`,
 * all from one set of rules (src/build/hosting/rules.ts) — and the pre-compressed copies of the
 * text files (src/build/hosting/compress.ts). Runs last, once every other integration has
 * written its files (the search index, the sitemap).
 *
 * The pages' copies are begun while the pages are rendered, on what is left of the cores
 * (CompressAhead), by an integration of their own, `ahead`, placed before every other one: once
 * the pages are written it takes no more pages and goes on with those it had no room for, while
 * the steps after the pages (the downloads, pruning, the search indexes, the size report) run on
 * the main thread. None of those looks at a copy (src/build/output-files.ts lists them apart);
 * this step stops the thread before it lists them and makes the rest.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeHostFiles } from '../build/hosting/host-files.ts';
import { CompressAhead } from '../build/hosting/compress.ts';
import { releaseListing } from '../build/output-files.ts';
import { addPageFeed, outputFileOf, removePageFeed, type PageFeed } from '../build/page-feed.ts';

/**
 * The two integrations: `ahead` first in the list, `hosting` last; `written` takes a file another
 * step wrote while the pages were rendered (the downloads), to be compressed ahead too.
 */
export default function hostingIntegrations(): { ahead: AstroIntegration; hosting: AstroIntegration; written: (file: string, bytes: number) => void } {
  let base = '/';
  let outDir = '';
  let ahead: CompressAhead | undefined;
  let feeding: PageFeed | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const configDone = ({ config }: { config: { base: string; outDir: URL } }) => {
    base = config.base;
    outDir = fileURLToPath(config.outDir);
  };
  return {
    written: (file, bytes) => ahead?.addWritten(file, bytes),
    ahead: {
      name: 'gushan-compress-ahead',
      hooks: {
        'astro:config:done': configDone,
        'astro:build:start': () => {
          // Before any page is written: a page modified before this was written by an earlier build.
          const current = new CompressAhead(outDir, Date.now());
          ahead = current;
          feeding = (pathname, page) => {
            const file = outputFileOf(pathname, base);
            if (file !== undefined) current.add(file, page.bytes);
          };
          addPageFeed(feeding);
          timer = setInterval(() => current.tick(), 100);
          timer.unref();
        },
        'astro:build:done': () => {
          if (feeding) removePageFeed(feeding);
          feeding = undefined;
          if (!ahead) return;
          const current = ahead;
          current.drain();
          clearInterval(timer);
          // The pages are all written: each tick finds its pages ready, and the thread is kept busy.
          timer = setInterval(() => current.tick(), 20);
          timer.unref();
        },
      },
    },
    hosting: {
      name: 'gushan-hosting',
      hooks: {
        'astro:config:done': configDone,
        'astro:build:done': async ({ dir, logger }) => {
          const started = performance.now();
          clearInterval(timer);
          const done = await ahead?.finish();
          for (const e of ahead?.errors() ?? []) logger.warn(`生成页面期间未能压缩 ${e}（稍后重试）`);
          ahead = undefined;
          // The last step that lists the output: the listing held since the pages were written goes (src/build/output-files.ts).
          const r = await writeHostFiles(fileURLToPath(dir), base, done).finally(releaseListing);
          const mb = (n: number) => (n / 1e6).toFixed(1);
          logger.info(
            `压缩 ${r.compressed.length} 个文件（${mb(r.bytes.source)} MB → gzip ${mb(r.bytes.gzip)} MB，br ${mb(r.bytes.brotli)} MB；` +
              `其中 ${done?.made.size ?? 0} 个在生成页面期间），${r.kept} 个未变，删除 ${r.removed.length} 个过期的压缩文件；${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        },
      },
    },
  };
}
