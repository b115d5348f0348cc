/**
 * Every file under a built site's folder, as paths relative to it with `/`, in no set order.
 *
 * Six steps after the pages need the listing (pruning, the search index, the size report, the
 * host's rules, the compressed copies); at L each listing read 130,000 entries. So while the
 * integrations' astro:build:done hooks run, the listing of the folders the pages went to is made
 * once (holdListing) and kept up to date by the one step that deletes there (pruning,
 * forgetFiles); what the later steps write — files at the top (sitemap, host files) and the
 * search indexes' folders — is listed afresh each time.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** Folders that steps after the pages write (src/integrations/pagefind.ts, src/build/search/record-index.ts). */
const LATE_FOLDERS = ['pagefind/', 'records-index/'];

/** Written when the pages were: inside a folder, and not one of the late ones. */
const settled = (rel: string) => rel.includes('/') && !LATE_FOLDERS.some((f) => rel.startsWith(f));

let held: { dir: string; files: Set<string> } | undefined;

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export function outputFiles(dir: string): string[] {
  if (held?.dir !== resolve(dir)) return listAll(dir);
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
  held = { dir: resolve(dir), files: new Set(listAll(dir).filter(settled)) };
}

/** Files deleted from a held listing's folder (relative paths). */
export function forgetFiles(dir: string, files: Iterable<string>): void {
  if (held?.dir !== resolve(dir)) return;
  for (const f of files) held.files.delete(f);
}

/** Back to listing the folder each time. */
export function releaseListing(): void {
  held = undefined;
}
