/**
 * Pre-compressed output: a `.gz` and a `.br` beside every text file of the built site worth
 * compressing, for servers that send them as they are (nginx's gzip_static and brotli_static,
 * `npm start`). Pagefind's index files are compressed already and are left alone.
 *
 * A compressed copy must never be older than its file: a stale `.gz` beside a page that was
 * rendered again could serve a withdrawn value. So a manifest in the output folder records,
 * for each file, the hash of the content its copies were made from, with the file's size and
 * modification time when it was hashed; a file whose content differs (or whose copies are
 * missing) is compressed again, and copies whose file is gone are deleted. A build that
 * rewrites one page re-compresses that page only.
 *
 * A file whose size and modification time (to the nanosecond) are still those recorded is not
 * read again: writing a file gives it a new modification time, so only a tool that puts an old
 * time back on changed content (`touch -d`, `utimes`) could slip past, and no step of the build
 * does. An incremental build keeps most of its tens of thousands of files, and reading them all
 * to hash them was most of this step's time. A copy restored with coarser times (an archive
 * that keeps whole seconds) is hashed again, and kept when its hash agrees.
 */
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { outputFiles, outputStat } from '../output-files.ts';
import { CONTENT_TYPES, HOST_FILES, TEXT_TYPES, extensionOf } from './rules.ts';
import type { CompressDone, CompressJob } from './compress-worker.ts';

/** Files smaller than this are sent as they are: compression would save less than a packet. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * Levels: gzip 9 and brotli 7 (of 11): brotli 8 to 11 cost many times the time for a few per
 * cent (README, "Scale", has the figures `npm run bench` prints).
 */
export const GZIP_LEVEL = 9;
export const BROTLI_QUALITY = 7;
/** The record of which content each file's copies were made from (one of HOST_FILES). */
export const MANIFEST = '_compressed.json';

export const ENCODINGS = [
  { ext: '.gz', encoding: 'gzip' },
  { ext: '.br', encoding: 'br' },
] as const;

/** Whether a file of the output (relative path) gets compressed copies. */
export function compressible(rel: string): boolean {
  if ((HOST_FILES as readonly string[]).includes(rel)) return false;
  const type = CONTENT_TYPES[extensionOf(rel)];
  return type !== undefined && TEXT_TYPES.has(type);
}

export interface CompressResult {
  /** Files compressed now (new or changed), sorted. */
  compressed: string[];
  /** Files whose copies were already made from their current content. */
  kept: number;
  /** Compressed copies deleted because their file is gone or too small now. */
  removed: string[];
  /** Bytes of the files compressed now, and of their copies. */
  bytes: { source: number; gzip: number; brotli: number };
}

/** For each file: the hash of the content its copies were made from, its size and its modification time in nanoseconds then. */
interface Entry {
  hash: string;
  size: number;
  mtimeNs: string;
}
type Manifest = Record<string, Entry>;

const isEntry = (v: unknown): v is Entry =>
  !!v && typeof v === 'object' && typeof (v as Entry).hash === 'string' && typeof (v as Entry).size === 'number' && typeof (v as Entry).mtimeNs === 'string';

/** The manifest an earlier build left; an entry it cannot read (another format, a hand edit) only means that file is hashed again. */
function readManifest(dir: string): Manifest {
  try {
    const m: unknown = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    if (!m || typeof m !== 'object' || Array.isArray(m)) return {};
    return Object.fromEntries(Object.entries(m).filter(([, v]) => isEntry(v))) as Manifest;
  } catch {
    return {};
  }
}

/** Files handed to the threads and not finished yet, at most: enough to keep them busy. */
const MAX_QUEUED = 1024;

/** How many threads compress when nothing else runs: every core. */
export const compressThreads = (): number => Math.max(1, availableParallelism());

/** Writes or refreshes the compressed copies in a built site's folder. */
export async function compressOutput(dir: string, threads = compressThreads(), maxQueued = MAX_QUEUED): Promise<CompressResult> {
  const before = readManifest(dir);
  const after: Manifest = {};
  const result: CompressResult = { compressed: [], kept: 0, removed: [], bytes: { source: 0, gzip: 0, brotli: 0 } };
  const files = outputFiles(dir);
  const present = new Set(files);
  // Piscina's threads, each running compress-worker.ts on one file at a time.
  const pool = new Piscina<CompressJob, CompressDone>({
    filename: new URL('./compress-worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const jobs: Array<Promise<void>> = [];
  const waiting = new Set<Promise<void>>();
  try {
    for (const rel of files) {
      if (!compressible(rel)) continue;
      const st = outputStat(dir, rel);
      const size = Number(st.size);
      if (size < MIN_COMPRESS_BYTES) continue;
      const mtimeNs = String(st.mtimeNs);
      const prev = before[rel];
      if (prev && prev.size === size && prev.mtimeNs === mtimeNs && ENCODINGS.every((e) => present.has(rel + e.ext))) {
        after[rel] = prev;
        result.kept++;
        continue;
      }
      // Read (by the thread, only the names wait here: at the largest sizes the contents are gigabytes) and hashed; the copies
      // are made again unless they were made from that very content.
      const job = pool.run({ path: join(dir, rel), madeFrom: prev?.hash, gzipLevel: GZIP_LEVEL, brotliQuality: BROTLI_QUALITY }).then(
        (done) => {
          // The size and time were read before the content: a write in between shows in the size, or the next build sees its
          // new time and hashes it again.
          after[rel] = { hash: done.hash, size: done.size, mtimeNs: done.size === size ? mtimeNs : '' };
          if (done.written) {
            result.compressed.push(rel);
            result.bytes.source += done.size;
            result.bytes.gzip += done.written.gzip;
            result.bytes.brotli += done.written.brotli;
          } else result.kept++;
        },
        (e: unknown) => {
          throw new Error(`无法压缩 ${rel}：${e instanceof Error ? e.message : String(e)}`);
        },
      );
      jobs.push(job);
      // A bounded queue: at P a task for each of 325,000 files, all queued at once, would be hundreds of megabytes.
      waiting.add(job);
      void job.then(
        () => waiting.delete(job),
        () => waiting.delete(job),
      );
      if (waiting.size >= maxQueued) await Promise.race(waiting);
    }
    await Promise.all(jobs);
  } finally {
    await pool.destroy();
  }
  result.compressed.sort();
  // Copies no current file accounts for: a page removed, or shrunk below the threshold.
  for (const rel of files) {
    const e = ENCODINGS.find((x) => rel.endsWith(x.ext));
    if (!e) continue;
    const source = rel.slice(0, -e.ext.length);
    if (compressible(source) && after[source] === undefined) {
      rmSync(join(dir, rel), { force: true });
      result.removed.push(rel);
    }
  }
  // In the files' order, not the order the threads finished in: the same site gives the same manifest.
  const sorted = Object.fromEntries(Object.entries(after).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (Object.keys(after).length > 0 || existsSync(join(dir, MANIFEST))) writeFileSync(join(dir, MANIFEST), `${JSON.stringify(sorted)}\n`);
  return result;
}
