/**
 * Every file under a built site's folder, as paths relative to it with `/`, in no set order.
 *
 * Six steps after the pages need the listing (pruning, the search index, the size report, the
 * host's rules, the compressed copies); at L each listing read 130,000 entries. So while the
 * integrations' astro:build:done hooks run, the listing of the folders the pages went to is made
 * once (holdListing; begun on a thread while the downloads are written, startListing) and kept up to date by the one step that deletes there (pruning,
 * forgetFiles); what the later steps write — files at the top (sitemap, host files) and the
 * search indexes' folders — is listed afresh each time.
 *
 * The same steps read the size and time of the files (the size report, and the facts and copies
 * kept between builds: src/build/file-facts.ts, src/build/hosting/compress.ts): a held file is
 * stat'ed once (outputStat). No step writes a held file after the pages.
 *
 * The compressed copies (`.gz`, `.br`, and the `.partial` each is written through) are listed
 * apart (outputCopies), never among the files: the thread that compresses the pages goes on
 * writing them while the steps after the pages run, until the copies' own step stops it
 * (src/integrations/hosting.ts). A copy listed as it was being written is gone by the time a
 * step stats it, so no step but that one, once the thread has stopped, looks at them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Folders that steps after the pages write (src/integrations/pagefind.ts, src/build/search/record-index.ts). */
const LATE_FOLDERS = ['pagefind/', 'records-index/'];

/** Written when the pages were: inside a folder, and not one of the late ones. */
const settled = (rel: string) => rel.includes('/') && !LATE_FOLDERS.some((f) => rel.startsWith(f));

/** The endings of a file's compressed copies (src/build/hosting/compress.ts). */
export const COPY_ENDINGS = ['.gz', '.br'] as const;

/** A compressed copy, or one being written (through `<copy>.partial`, src/build/hosting/compress-worker.ts). */
export const isCopy = (rel: string): boolean => {
  const name = rel.endsWith('.partial') ? rel.slice(0, -'.partial'.length) : rel;
  return COPY_ENDINGS.some((e) => name.endsWith(e));
};

/** What a listing holds: the files, and apart from them the compressed copies. */
export interface OutputListing {
  files: string[];
  copies: string[];
}

function split(rels: readonly string[]): OutputListing {
  const files: string[] = [];
  const copies: string[] = [];
  for (const rel of rels) (isCopy(rel) ? copies : files).push(rel);
  return { files, copies };
}

/**
 * What the steps read of a file: its size and modification time in nanoseconds. Only these are
 * held: a whole BigIntStats is about 600 bytes, 500 MB for the 856,000 files of P's output.
 */
export interface OutputStat {
  size: number;
  mtimeNs: bigint;
}

let held: { dir: string; files: Set<string>; copies: string[]; stats: Map<string, OutputStat> } | undefined;

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

/** Every file of the output but the compressed copies. */
export function outputFiles(dir: string): string[] {
  return outputListing(dir).files;
}

/** The compressed copies of the output; those in the pages' folders as they were when the listing was held. */
export function outputCopies(dir: string): string[] {
  return outputListing(dir).copies;
}

export function outputListing(dir: string): OutputListing {
  if (!held || !isHeld(dir)) return split(listAll(dir));
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
  const { files, copies } = split(late);
  return { files: [...held.files, ...files], copies: [...held.copies, ...copies] };
}

/** The files of the pages' folders (everything but the top and the late folders), as listed now. */
export function listSettled(dir: string): string[] {
  return listAll(dir).filter(settled);
}

/** A listing begun on a thread of its own (startListing), for the folder it lists. */
let begun: { dir: string; files: Promise<string[] | undefined>; worker: Worker } | undefined;

/**
 * Begins listing the pages' folders on a thread of its own, once the pages are written: the
 * listing takes a syscall or three per folder (a P build has 320,000), and the downloads, written
 * meanwhile on the main thread, are the only files written there before it is held
 * (holdListing is told them). A thread that fails leaves the listing to holdListing.
 */
export function startListing(dir: string): void {
  const worker = new Worker(new URL('./listing-worker.ts', import.meta.url), { workerData: { dir } });
  // A build that stops meanwhile does not wait for it; holdListing holds the process open while it waits.
  worker.unref();
  const files = new Promise<string[] | undefined>((done) => {
    // One string, not an array of 320,000: a message's strings are copied one by one. A name holds no NUL.
    worker.once('message', (joined: string) => done(joined === '' ? [] : joined.split('\0')));
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
  begun = { dir: resolve(dir), files, worker };
}

/**
 * From now on, outputFiles(dir) lists the pages' folders from memory: only while no one but this
 * build's steps writes there. `written`: the files written there since startListing began (the
 * downloads, each through `<file>.part`), which it may or may not have seen.
 */
export async function holdListing(dir: string, written: readonly string[] = []): Promise<void> {
  // An awaited promise alone does not keep Node running: the thread does, while it is waited for.
  begun?.worker.ref();
  const from = begun?.dir === resolve(dir) ? await begun.files : undefined;
  begun = undefined;
  let listed = from ?? listSettled(dir);
  if (from && written.length > 0) {
    const parts = new Set(written.map((f) => `${f}.part`));
    listed = [...new Set([...listed.filter((f) => !parts.has(f)), ...written.filter(settled)])];
  }
  const { files, copies } = split(listed);
  held = { dir: resolve(dir), files: new Set(files), copies, stats: new Map() };
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
