/**
 * Every file under a built site's folder, as paths relative to it with `/`, in no set order.
 *
 * Six steps after the pages need the listing (pruning, the search index, the size report, the
 * host's rules, the compressed copies); at L each listing read 130,000 entries. So while the
 * integrations' astro:build:done hooks run, the listing of the folders the pages went to is made
 * once (holdListing) and kept up to date by the one step that deletes there (pruning,
 * forgetFiles); what the later steps write — files at the top (sitemap, host files) and the
 * search indexes' folders — is listed afresh each time.
 *
 * The same steps read the size and time of the files (the size report, and the facts and copies
 * kept between builds: src/build/file-facts.ts, src/build/hosting/compress.ts): a held file is
 * stat'ed once (outputStat). No step writes a held file after the pages; the compressed copies,
 * written last, are not stat'ed again before the listing is released.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders that steps after the pages write (src/integrations/pagefind.ts, src/build/search/record-index.ts). */
const LATE_FOLDERS = ['pagefind/', 'records-index/'];

/** Written when the pages were: inside a folder, and not one of the late ones. */
const settled = (rel: string) => rel.includes('/') && !LATE_FOLDERS.some((f) => rel.startsWith(f));

/**
 * What the steps read of a file: its size and modification time in nanoseconds. Only these are
 * held: a whole BigIntStats is about 600 bytes, 500 MB for the 856,000 files of P's output.
 */
export interface OutputStat {
  size: number;
  mtimeNs: bigint;
}

let held: { dir: string; files: Set<string>; stats: Map<string, OutputStat> } | undefined;

/**
 * Folder by folder: readdirSync's `recursive` stat'ed every entry to find the folders, where the
 * entry's own type says it, and took three times as long on a site's output.
 */
function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(abs, e.name), `${rel}${e.name}/`);
      else if (e.isFile()) out.push(rel + e.name);
    }
  };
  walk(dir, '');
  return out;
}

const isHeld = (dir: string) => held !== undefined && (held.dir === dir || held.dir === resolve(dir));

export function outputFiles(dir: string): string[] {
  if (!held || !isHeld(dir)) return listAll(dir);
  const late = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
  for (const f of LATE_FOLDERS) {
    try {
      late.push(...listAll(join(dir, f)).map((rel) => f + rel));
    } catch {
      // Not written (yet).
    }
  }
  return [...held.files, ...late];
}

/** From now on, outputFiles(dir) lists the pages' folders from memory: only while no one but this build's steps writes there. */
export function holdListing(dir: string): void {
  held = { dir: resolve(dir), files: new Set(listAll(dir).filter(settled)), stats: new Map() };
}

/** The size and times of a file of the output (relative path); those of a held file are read once. */
export function outputStat(dir: string, rel: string): OutputStat {
  const keep = held !== undefined && isHeld(dir) && held.files.has(rel) ? held.stats : undefined;
  let st = keep?.get(rel);
  if (!st) {
    const { size, mtimeNs } = statSync(join(dir, rel), { bigint: true });
    st = { size: Number(size), mtimeNs };
    keep?.set(rel, st);
  }
  return st;
}

/** Files deleted from a held listing's folder (relative paths). */
export function forgetFiles(dir: string, files: Iterable<string>): void {
  if (!held || !isHeld(dir)) return;
  for (const f of files) {
    held.files.delete(f);
    held.stats.delete(f);
  }
}

/** Back to listing the folder each time. */
export function releaseListing(): void {
  held = undefined;
}
