/**
 * The output folder of an incremental build (INCREMENTAL_BUILD=1, src/build/config.ts): Astro
 * keeps it between builds and leaves the pages whose key is unchanged where they are; here, at
 * astro:build:done and before any other integration reads the folder (search indexes, sitemap,
 * size report, compressed copies), every file this build did not write and no kept page is
 * deleted (src/build/prune-output.ts): pages of removed routes, old assets and Pagefind's files. Astro lists
 * the files of every route it kept or wrote, pages and endpoints alike, in `assets`.
 */
import type { AstroIntegration } from 'astro';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../build/config.ts';
import { pageFile, pruneOutput } from '../build/prune-output.ts';
import { holdListing } from '../build/output-files.ts';

export default function incremental(): AstroIntegration {
  let started = 0;
  return {
    name: 'gushan-incremental',
    hooks: {
      'astro:config:done': () => {
        // Before Astro writes anything: a file older than this was left by an earlier build.
        started = Date.now();
      },
      'astro:build:done': ({ dir, pages, assets, logger }) => {
        const out = fileURLToPath(dir);
        // The pages are all written: the steps after them share one listing of their folders (released by hosting()).
        holdListing(out);
        if (!config().incremental) return;
        // Pages by their names; files of every route (endpoints kept by their cache key too) by their URLs.
        const kept = new Set(pages.map((p) => pageFile(p.pathname)));
        for (const urls of assets.values()) for (const u of urls) kept.add(relative(out, fileURLToPath(u)).split(sep).join('/'));
        const removed = pruneOutput(out, started, kept);
        logger.info(`增量构建：删除 ${removed.length} 个上次构建留下、这次不再生成的文件`);
      },
    },
  };
}
