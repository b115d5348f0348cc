/**
 * After an incremental build (INCREMENTAL_BUILD=1), the output folder holds what this build wrote
 * and what earlier builds left. Astro leaves the pages it did not render again in place, and copies
 * the files of `public/` with their own modification times (since Astro 7.4); every other file this
 * build produced was written by it. So a file older than the build's start is stale — a page of a
 * record no longer there, an old asset, an old search shard — unless it is a page Astro kept, a
 * file of `public/` (publicFiles), a compressed copy (not among the files listed: src/build/hosting/compress.ts
 * keeps and prunes them by its own manifest, the half-written ones too), or a file of the record index, whose writer keeps the shards that did not change
 * and deletes the others (src/build/search/record-index.ts). Deleting those leaves the folder a clean build would have made.
 */
import { existsSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { forgetFiles, outputFiles, outputStat } from './output-files.ts';
import { MANIFEST as COMPRESSED_MANIFEST } from './hosting/compress.ts';
import { RECORD_INDEX_DIR } from './search/record-index.ts';

/** The output file of a page Astro lists at astro:build:done ('problems/GS-1/' → 'problems/GS-1/index.html'). */
export const pageFile = (pathname: string): string => (pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);

/**
 * The files of the folder Astro copies into the output as they are (`public/`), as output paths;
 * none if it is missing. The same walk as Vite's copy: links are followed, to a file or a folder
 * (read-dataset's listFiles lists a link to a folder as one file, not what it holds).
 */
export function publicFiles(publicDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const st = statSync(join(dir, name), { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(join(dir, name), `${prefix}${name}/`);
      else if (st?.isFile()) out.push(`${prefix}${name}`);
    }
  };
  if (existsSync(publicDir)) walk(publicDir, '');
  return out;
}

/**
 * Deletes the files of `dir` written before `startedMs` that are not among `kept`, then the folders
 * left empty; returns the deleted files. Only in a folder an earlier build of this site wrote: one
 * holding old files but no COMPRESSED_MANIFEST (which every build writes last) may be a web root or
 * a checkout that OUT_DIR names by mistake, so nothing is deleted and the build stops.
 */
export function pruneOutput(dir: string, startedMs: number, kept: ReadonlySet<string>): string[] {
  const stale: string[] = [];
  for (const file of outputFiles(dir)) {
    if (kept.has(file) || file === COMPRESSED_MANIFEST || file.startsWith(`${RECORD_INDEX_DIR}/`)) continue;
    if (outputStat(dir, file).mtimeNs < BigInt(Math.floor(startedMs)) * 1_000_000n) stale.push(file);
  }
  if (stale.length === 0) return [];
  if (!existsSync(join(dir, COMPRESSED_MANIFEST))) throw new Error(notOurOutput(dir, stale));
  for (const file of stale) unlinkSync(join(dir, file));
  forgetFiles(dir, stale);
  removeEmptiedFolders(dir, stale);
  return stale.sort();
}

/** The message of a refused prune, for whoever set OUT_DIR. */
export function notOurOutput(dir: string, stale: readonly string[]): string {
  const examples = [...stale].sort().slice(0, 3).join('、');
  return (
    `增量构建没有清理输出文件夹 ${dir}：这里有 ${stale.length} 个不是这次构建写的文件（例如 ${examples}），` +
    `但没有本站上次构建留下的 ${COMPRESSED_MANIFEST}，它可能不是本站的输出文件夹，删掉这些文件会丢失别的东西。` +
    `请把 OUT_DIR 改成一个空文件夹或本站上次构建的输出文件夹（部署流程用 dist），再构建一次。`
  );
}

/** The folders of deleted files left empty, and their parents left empty in turn (only these: listing every folder of a large site took longer). */
function removeEmptiedFolders(dir: string, deleted: readonly string[]): void {
  const folders = [...new Set(deleted.map((f) => posix.dirname(f)))].sort((a, b) => b.length - a.length);
  for (let folder of folders) {
    while (folder !== '.' && existsSync(join(dir, folder)) && readdirSync(join(dir, folder)).length === 0) {
      rmdirSync(join(dir, folder));
      folder = posix.dirname(folder);
    }
  }
}
