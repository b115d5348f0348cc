/**
 * After an incremental build (INCREMENTAL_BUILD=1), the output folder holds what this build wrote
 * and what earlier builds left. Astro leaves the pages it did not render again in place; every
 * other file this build produced was written by it. So a file older than the build's start is
 * stale — a page of a record no longer there, an old asset, an old search shard — unless it is a
 * page Astro kept, or a compressed copy, which src/build/hosting/compress.ts keeps and prunes by
 * its own manifest. Deleting those leaves the folder a clean build would have made.
 */
import { readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { outputFiles } from './output-files.ts';
import { MANIFEST as COMPRESSED_MANIFEST } from './hosting/compress.ts';

/** The output file of a page Astro lists at astro:build:done ('problems/GS-1/' → 'problems/GS-1/index.html'). */
export const pageFile = (pathname: string): string => (pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);

/** Deletes the files of `dir` written before `startedMs` that are not among `kept`, then the folders left empty; returns the deleted files. */
export function pruneOutput(dir: string, startedMs: number, kept: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const file of outputFiles(dir)) {
    if (kept.has(file) || file === COMPRESSED_MANIFEST || file.endsWith('.gz') || file.endsWith('.br')) continue;
    const path = join(dir, file);
    if (statSync(path).mtimeMs >= startedMs) continue;
    unlinkSync(path);
    removed.push(file);
  }
  removeEmptyFolders(dir, true);
  return removed.sort();
}

function removeEmptyFolders(dir: string, top: boolean): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || !removeEmptyFolders(join(dir, e.name), false)) empty = false;
  }
  if (empty && !top) rmdirSync(dir);
  return empty;
}
