/**
 * After an incremental build (INCREMENTAL_BUILD=1), the output folder holds what this build wrote
 * and what earlier builds left. Astro leaves the pages it did not render again in place; every
 * other file this build produced was written by it. So a file older than the build's start is
 * stale — a page of a record no longer there, an old asset, an old search shard — unless it is a
 * page Astro kept, or a compressed copy, which src/build/hosting/compress.ts keeps and prunes by
 * its own manifest. Deleting those leaves the folder a clean build would have made.
 */
import { existsSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { outputFiles } from './output-files.ts';
import { MANIFEST as COMPRESSED_MANIFEST } from './hosting/compress.ts';

/** The output file of a page Astro lists at astro:build:done ('problems/GS-1/' → 'problems/GS-1/index.html'). */
export const pageFile = (pathname: string): string => (pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);

/**
 * Deletes the files of `dir` written before `startedMs` that are not among `kept`, then the folders
 * left empty; returns the deleted files. Only in a folder an earlier build of this site wrote: one
 * holding old files but no COMPRESSED_MANIFEST (which every build writes last) may be a web root or
 * a checkout that OUT_DIR names by mistake, so nothing is deleted and the build stops.
 */
export function pruneOutput(dir: string, startedMs: number, kept: ReadonlySet<string>): string[] {
  const stale: string[] = [];
  for (const file of outputFiles(dir)) {
    if (kept.has(file) || file === COMPRESSED_MANIFEST || file.endsWith('.gz') || file.endsWith('.br')) continue;
    if (statSync(join(dir, file)).mtimeMs < startedMs) stale.push(file);
  }
  if (stale.length === 0) return [];
  if (!existsSync(join(dir, COMPRESSED_MANIFEST))) throw new Error(notOurOutput(dir, stale));
  for (const file of stale) unlinkSync(join(dir, file));
  removeEmptyFolders(dir, true);
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

function removeEmptyFolders(dir: string, top: boolean): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || !removeEmptyFolders(join(dir, e.name), false)) empty = false;
  }
  if (empty && !top) rmdirSync(dir);
  return empty;
}
