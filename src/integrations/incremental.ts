/**
 * The output folder of an incremental build (INCREMENTAL_BUILD=1, src/build/config.ts): Astro
 * keeps it between builds and leaves the pages whose key is unchanged where they are; here, at
 * astro:build:done and before any other integration reads the folder (search indexes, sitemap,
 * size report, compressed copies), every file this build did not write and no kept page is
 * deleted (src/build/prune-output.ts): pages of removed routes, old assets and Pagefind's files. Astro lists
 * the files of every route it kept or wrote, pages and endpoints alike, in `assets`.
 *
 * Astro's incremental build also writes a copy of every page it renders into its cache folder,
 * to copy it back when the output folder has lost it. Ours keeps the output folder, and a page
 * missing there whose key is unchanged is rendered again when no copy exists, so the copies only
 * cost: at L, 31,000 more files in 31,000 more folders and 875 MB, a third of the files a full
 * build creates (README, "Scale"). Astro has no setting for it, so the method that writes a copy
 * is replaced for this process (noCacheCopies); test/build/incremental.test.ts checks that no
 * copy is written and that a lost page comes back, so an Astro release that renames it is seen.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { config } from '../build/config.ts';
import { pageFile, pruneOutput, publicFiles } from '../build/prune-output.ts';
import { holdListing, startListing } from '../build/output-files.ts';
import { downloadsOfThisBuild, downloadsWrittenNow } from '../build/downloads.ts';
import { HOST_FILES } from '../build/hosting/rules.ts';
import { SITEMAP_INDEX } from '../build/sitemap.ts';

/**
 * Begins the listing of the output's pages' folders on a thread (src/build/output-files.ts
 * startListing) as soon as Astro has written everything: placed before the downloads, which are
 * written meanwhile, and held by incremental() after them.
 */
export function listing(): AstroIntegration {
  return {
    name: 'gushan-listing',
    hooks: { 'astro:build:done': ({ dir }) => startListing(fileURLToPath(dir)) },
  };
}

export default function incremental(): AstroIntegration {
  let started = 0;
  let publicDir = '';
  return {
    name: 'gushan-incremental',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        if (config().incremental) await noCacheCopies(logger);
      },
      'astro:config:done': ({ config: astroConfig }) => {
        // Before Astro writes anything: a file older than this was left by an earlier build.
        started = Date.now();
        publicDir = fileURLToPath(astroConfig.publicDir);
      },
      'astro:build:done': async ({ dir, pages, assets, logger }) => {
        const out = fileURLToPath(dir);
        // The pages are all written: the steps after them share one listing of their folders (released by hosting()),
        // begun while the downloads were written (listing()).
        await holdListing(out, downloadsWrittenNow());
        if (!config().incremental) return;
        // Pages by their names; files of every route (endpoints kept by their cache key too) by their URLs.
        const kept = new Set(pages.map((p) => pageFile(p.pathname)));
        for (const urls of assets.values()) for (const u of urls) kept.add(relative(out, fileURLToPath(u)).split(sep).join('/'));
        // The downloads, written by the build, not Astro (src/build/downloads.ts): those kept from the build before too.
        for (const f of downloadsOfThisBuild()) kept.add(f);
        // Copied from public/ with the times they have there, older than the build's start.
        for (const f of publicFiles(publicDir)) kept.add(f);
        const removed = pruneOutput(out, started, kept);
        const again = removed.filter(rewrittenLater).length;
        logger.info(
          `增量构建：删除 ${removed.length - again} 个上次构建留下、这次不再生成的文件` +
            (again > 0 ? `；另删除搜索索引、站点地图和服务器配置的 ${again} 个旧文件，它们每次构建都整个重新写出` : ''),
        );
      },
    },
  };
}

/**
 * Files the steps after this one write whole on every build (Pagefind's index, the sitemap, the
 * host's files): deleted with the others, so that none of an earlier build's is left, but not
 * files this build no longer makes, which is what the log counts.
 */
const rewrittenLater = (file: string): boolean =>
  file.startsWith('pagefind/') || file === SITEMAP_INDEX || /^sitemap-\d+\.xml$/.test(file) || (HOST_FILES as readonly string[]).includes(file);

/** Astro's incremental cache (astro/dist/core/build/incremental.js) as far as it is used here. */
interface IncrementalCacheModule {
  IncrementalBuildCache?: { prototype: { writeOutputFile?: (...args: unknown[]) => Promise<void> } };
}

/** Astro's incremental build without the copies of rendered pages in its cache folder (see above). */
async function noCacheCopies(logger: AstroIntegrationLogger): Promise<void> {
  let proto: { writeOutputFile?: (...args: unknown[]) => Promise<void> } | undefined;
  try {
    // The file Astro's own build imports, by its path: the package exports no such entry, and the same URL is the same module.
    const root = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
    proto = ((await import(pathToFileURL(join(root, 'dist/core/build/incremental.js')).href)) as IncrementalCacheModule).IncrementalBuildCache?.prototype;
  } catch {
    proto = undefined;
  }
  if (typeof proto?.writeOutputFile !== 'function') {
    logger.warn('这个版本的 Astro 没有 IncrementalBuildCache.writeOutputFile：增量构建照常把每个生成的页面另存一份到缓存文件夹（只是更慢，结果不变）');
    return;
  }
  proto.writeOutputFile = async () => {};
}
