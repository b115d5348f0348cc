/**
 * After the build: writes the host's files — `_headers`, `_nginx.conf` and `_nginx-brotli.conf`,
 * all from one set of rules (src/build/hosting/rules.ts) — and the pre-compressed copies of the
 * text files (src/build/hosting/compress.ts). Runs last, once every other integration has
 * written its files (the search index, the sitemap).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeHostFiles } from '../build/hosting/host-files.ts';
import { releaseListing } from '../build/output-files.ts';

export default function hosting(): AstroIntegration {
  let base = '/';
  return {
    name: 'gushan-hosting',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        // The last step that lists the output: the listing held since the pages were written goes (src/build/output-files.ts).
        const r = await writeHostFiles(fileURLToPath(dir), base).finally(releaseListing);
        const mb = (n: number) => (n / 1e6).toFixed(1);
        logger.info(
          `压缩 ${r.compressed.length} 个文件（${mb(r.bytes.source)} MB → gzip ${mb(r.bytes.gzip)} MB，br ${mb(r.bytes.brotli)} MB），` +
            `${r.kept} 个未变，删除 ${r.removed.length} 个过期的压缩文件；${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      },
    },
  };
}
