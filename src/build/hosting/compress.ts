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
 *
 * A build that compresses pages while it renders them (CompressAhead) rewrites copies long
 * before it writes its manifest. So it first marks every entry of the manifest on disk as unsure:
 * if that build stops, the next one trusts a file's copies by its size and time only, never by
 * its content's hash. Otherwise a page rendered with a withdrawn value by the stopped build, then
 * rendered as it was before, would keep copies holding the withdrawn value.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COPY_ENDINGS, outputListing, outputStat } from '../output-files.ts';
import { writeInPieces } from '../write-pieces.ts';
import { CONTENT_TYPES, HOST_FILES, TEXT_TYPES, extensionOf } from './rules.ts';
import type { CompressDone, CompressJob, CompressSettings } from './compress-worker.ts';

/** Files smaller than this are sent as they are: compression would save less than a packet. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * Levels: gzip 6 and brotli 7 (of 11). Brotli 8 to 11 cost many times the time for a few per
 * cent; gzip 9 costs two thirds more time than 6 for under one per cent (README, "Scale").
 */
export const GZIP_LEVEL = 6;
export const BROTLI_QUALITY = 7;
/** The record of which content each file's copies were made from (one of HOST_FILES). */
export const MANIFEST = '_compressed.json';

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
export interface Entry {
  hash: string;
  size: number;
  mtimeNs: string;
  /**
   * Set while a build that compresses during its pages runs (CompressAhead): its copies may have
   * been rewritten from other content by that build, if it stopped, so the content's hash no
   * longer vouches for them. Its size and time still do: only a file written by that build had its
   * copies rewritten, and that gave the file a new time.
   */
  unsure?: true;
}
export type Manifest = Record<string, Entry>;

const isEntry = (v: unknown): v is Entry =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Entry).hash === 'string' &&
  typeof (v as Entry).size === 'number' &&
  typeof (v as Entry).mtimeNs === 'string' &&
  [undefined, true].includes((v as Entry).unsure);

/** The hash a file's copies were made from, if the manifest still vouches for them. */
const vouchedHash = (e: Entry | undefined): string | undefined => (e && !e.unsure ? e.hash : undefined);

/** The levels the copies are made with, written in the manifest beside the files. */
const LEVELS = { gzip: GZIP_LEVEL, brotli: BROTLI_QUALITY };

/**
 * The manifest an earlier build left. One whose copies were made with other levels (or in an
 * earlier format) vouches for none: every copy is made again, so that an incremental build gives
 * the copies a clean build would. An entry it cannot read (a hand edit) only means that file is
 * hashed again.
 */
export function readManifest(dir: string): Manifest {
  try {
    const m: unknown = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    if (!m || typeof m !== 'object' || Array.isArray(m)) return {};
    const { levels, files } = m as { levels?: unknown; files?: unknown };
    if (JSON.stringify(levels) !== JSON.stringify(LEVELS) || !files || typeof files !== 'object' || Array.isArray(files)) return {};
    return Object.fromEntries(Object.entries(files).filter(([, v]) => isEntry(v))) as Manifest;
  } catch {
    return {};
  }
}

/** Entries of the manifest written at once. */
const MANIFEST_PIECE = 4096;

/**
 * Writes the manifest with its files in the order of their names, not the order the threads
 * finished in: the same site gives the same manifest. A few thousand entries at a time, through
 * a file renamed over the old one (src/build/write-pieces.ts): at P its 325,000 entries as one text, beside a sorted copy of
 * them, were the highest memory of the build's last seconds (README, "Scale").
 */
export function writeManifest(dir: string, files: Manifest): void {
  writeInPieces(join(dir, MANIFEST), manifestPieces(files));
}

function* manifestPieces(files: Manifest): Generator<string> {
  const names = Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  yield `{"levels":${JSON.stringify(LEVELS)},"files":{`;
  for (let i = 0; i < names.length; i += MANIFEST_PIECE) {
    const piece = names.slice(i, i + MANIFEST_PIECE).map((n) => `${JSON.stringify(n)}:${JSON.stringify(files[n])}`);
    yield `${i === 0 ? '' : ','}${piece.join(',')}`;
  }
  yield '}}\n';
}

/**
 * Files from this size on are read and compressed in pieces (compress-worker.ts): at P two
 * threads each holding a download of hundreds of megabytes and its two copies at once were the
 * highest point of this step.
 */
export const STREAM_FROM_BYTES = 16 * 1024 * 1024;

/** Jobs handed to one thread ahead of its replies, so it never waits for the main thread to read them. */
const AHEAD = 256;

/**
 * Worker threads that compress (src/build/hosting/compress-worker.ts), each handed up to AHEAD
 * jobs at once. A thread is held open only while it has work, so a build that stops with an
 * error is not kept waiting for them.
 */
export class CompressPool {
  /** Each thread, with the ids of the jobs it holds. */
  readonly #workers = new Map<Worker, Set<number>>();
  readonly #queue: CompressJob[] = [];
  readonly #waiting = new Map<number, { resolve: (d: CompressDone) => void; reject: (e: Error) => void }>();
  readonly #stop = new Int32Array(new SharedArrayBuffer(4));
  #nextId = 0;
  readonly #ahead: number;

  /**
   * `idle`: the threads run at the lowest priority, on what the build's other work leaves of the
   * cores. `ahead`: jobs handed to a thread ahead of its replies, at most.
   */
  constructor(threads: number, streamFrom = STREAM_FROM_BYTES, idle = false, ahead = AHEAD) {
    this.#ahead = ahead;
    const settings: CompressSettings = { gzip: GZIP_LEVEL, brotli: BROTLI_QUALITY, streamFrom, idle, stop: this.#stop.buffer as SharedArrayBuffer };
    while (this.#workers.size < threads) {
      const w = new Worker(new URL('./compress-worker.ts', import.meta.url), { workerData: settings });
      const held = new Set<number>();
      w.unref();
      w.on('message', (done: CompressDone) => {
        held.delete(done.id);
        if (held.size === 0) w.unref();
        const wait = this.#waiting.get(done.id);
        this.#waiting.delete(done.id);
        this.#pump();
        wait?.resolve(done);
      });
      w.on('error', (e: unknown) => this.#lost(w, e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => this.#lost(w, new Error(`压缩线程意外退出（${code}）`)));
      this.#workers.set(w, held);
    }
  }

  /** Compresses one file. */
  run(job: Omit<CompressJob, 'id'>): Promise<CompressDone> {
    if (this.#workers.size === 0) return Promise.reject(new Error('压缩线程已关闭'));
    const id = this.#nextId++;
    const done = new Promise<CompressDone>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#queue.push({ ...job, id });
    this.#pump();
    return done;
  }

  /**
   * Begins no more file: those not begun, queued here or held by a thread, are given back
   * `skipped`; those begun are finished.
   */
  stop(): void {
    Atomics.store(this.#stop, 0, 1);
    for (const job of this.#queue.splice(0)) {
      this.#waiting.get(job.id)?.resolve({ id: job.id, hash: '', size: 0, skipped: true });
      this.#waiting.delete(job.id);
    }
  }

  async close(): Promise<void> {
    const all = [...this.#workers.keys()];
    this.#workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let least: [Worker, Set<number>] | undefined;
      for (const entry of this.#workers) if (!least || entry[1].size < least[1].size) least = entry;
      if (!least || least[1].size >= this.#ahead) return;
      const [w, held] = least;
      const job = this.#queue.shift()!;
      held.add(job.id);
      w.ref();
      w.postMessage(job);
    }
  }

  /** A thread that failed: what it held fails, and so does the queue if no thread is left. */
  #lost(w: Worker, e: Error): void {
    const held = this.#workers.get(w);
    if (!held) return;
    this.#workers.delete(w);
    const failed = this.#workers.size === 0 ? [...held, ...this.#queue.splice(0).map((q) => q.id)] : [...held];
    for (const id of failed) {
      this.#waiting.get(id)?.reject(e);
      this.#waiting.delete(id);
    }
  }
}

/** What CompressAhead did: the copies it made, the manifest as the build found it, the files it handed to its thread. */
export interface AheadResult {
  made: ReadonlyMap<string, MadeAhead>;
  before: Readonly<Manifest>;
  touched: ReadonlySet<string>;
}

/** A file's copies made while the pages were still being rendered (CompressAhead). */
export interface MadeAhead {
  hash: string;
  /** Its size and modification time in nanoseconds when it was seen written in full, before it was read. */
  size: number;
  mtimeNs: string;
  /** The copies' sizes, when written (not when they were already made from that content). */
  written?: { gzip: number; brotli: number };
}

/** Pages waiting to be seen written in full or handed, at most; pages beyond wait until the pages are all written (drain). */
const AHEAD_PENDING = 16_384;
/**
 * Pages handed to the thread and not finished yet, at most, while the pages are rendered (once
 * they are written, every page is handed at once): more than it compresses between two ticks, so
 * that it never waits for the next one while written pages wait. A few dozen let it take only
 * about as many pages a second as Astro writes at P: the second core was idle between ticks, and
 * the pages beyond AHEAD_PENDING, the downloads among them, were left to the steps after the
 * pages (README, "Scale").
 */
const AHEAD_IN_FLIGHT = 1024;

/**
 * Compressed copies of pages made while the other pages are still being rendered: Astro renders
 * on one thread, so what the second core has left (after Pagefind, V8's collector and the file
 * writes) goes to one compressing thread at the lowest priority. compressOutput then takes what
 * it made for a file whose size and time are still those it saw, and makes the rest.
 *
 * A page is read only once it was written by this build (modified after `sinceMs`) and is as long
 * as it was rendered: an incremental build renders a page over an earlier build's file, which may
 * be as long. Its size and time are read before its content, so a later write shows in them.
 */
export class CompressAhead {
  readonly #dir: string;
  readonly #since: bigint;
  readonly #before: Manifest;
  readonly #pool: CompressPool;
  /** Each page not yet seen written in full, with its length as rendered. */
  readonly #pending = new Map<string, number>();
  /** Files another step wrote in full (the downloads): handed before the pages, never left for drain. */
  readonly #written = new Map<string, number>();
  /** Pages rendered while the pending were full: taken up once the pages are written (drain). */
  #later: Array<[string, number]> = [];
  #draining = false;
  readonly #made = new Map<string, MadeAhead>();
  readonly #touched = new Set<string>();
  readonly #jobs = new Set<Promise<void>>();
  readonly #errors: string[] = [];
  #closed = false;
  readonly #pendingAtMost: number;

  constructor(dir: string, sinceMs: number, streamFrom = STREAM_FROM_BYTES, pendingAtMost = AHEAD_PENDING) {
    this.#pendingAtMost = pendingAtMost;
    this.#dir = dir;
    this.#since = BigInt(Math.floor(sinceMs)) * 1_000_000n;
    this.#before = readManifest(dir);
    // Before any copy is rewritten: should this build stop, the next does not trust a copy by its content's hash.
    if (Object.keys(this.#before).length > 0) {
      const marked = Object.fromEntries(Object.entries(this.#before).map(([rel, e]) => [rel, { ...e, unsure: true as const }]));
      writeManifest(dir, marked);
    }
    // Every page handed goes to the thread at once: the pool hands on the rest only when the main
    // thread reads a reply, and the steps after the pages hold the main thread for many seconds
    // at a time (the search indexes), while the thread would have nothing to do.
    this.#pool = new CompressPool(1, streamFrom, true, Number.POSITIVE_INFINITY);
  }

  /** A page rendered to `file` (relative to the output folder), `bytes` long. */
  add(file: string, bytes: number): void {
    if (this.#closed || bytes < MIN_COMPRESS_BYTES || !compressible(file) || this.#made.has(file)) return;
    if (this.#pending.size >= this.#pendingAtMost) this.#later.push([file, bytes]);
    else this.#pending.set(file, bytes);
  }

  /**
   * A file another step has written in full, `bytes` long (a download): handed to the thread at
   * the next tick, before any page. The largest files are these, and one begun only once the
   * pages are written held the copies' step to the end.
   */
  addWritten(file: string, bytes: number): void {
    if (this.#closed || bytes < MIN_COMPRESS_BYTES || !compressible(file) || this.#made.has(file)) return;
    this.#written.set(file, bytes);
  }

  /**
   * The pages are written: from now on every page is handed to the thread as soon as it is seen
   * written in full, those it had no room for too, while the steps after the pages run on the
   * main thread, until finish() stops it.
   */
  drain(): void {
    this.#draining = true;
  }

  /** Hands the thread the pages now written in full, as far as it has room. */
  tick(): void {
    if (this.#draining) {
      while (this.#pending.size < this.#pendingAtMost && this.#later.length > 0) {
        const [file, bytes] = this.#later.pop()!;
        if (!this.#made.has(file)) this.#pending.set(file, bytes);
      }
    }
    for (const waiting of [this.#written, this.#pending]) this.#hand(waiting);
  }

  /** Hands the thread the files of `waiting` now written in full, as far as it has room. */
  #hand(waiting: Map<string, number>): void {
    for (const [file, bytes] of waiting) {
      if (this.#closed || (!this.#draining && this.#jobs.size >= AHEAD_IN_FLIGHT)) return;
      let st;
      try {
        st = statSync(join(this.#dir, file), { bigint: true });
      } catch {
        continue;
      }
      if (st.size !== BigInt(bytes) || st.mtimeNs < this.#since) continue;
      waiting.delete(file);
      this.#touched.add(file);
      const seen = { size: bytes, mtimeNs: String(st.mtimeNs) };
      const job = this.#pool.run({ path: join(this.#dir, file), madeFrom: vouchedHash(this.#before[file]) }).then(
        (done) => {
          // Not begun when the copies' step stopped the thread: left to compressOutput, copies untouched.
          if (done.skipped) this.#touched.delete(file);
          else if (done.error) this.#errors.push(`${file}：${done.error}`);
          // Read at another length than seen: written again meanwhile, left to compressOutput.
          else if (done.size === seen.size) this.#made.set(file, { hash: done.hash, ...seen, ...(done.written ? { written: done.written } : {}) });
        },
        (e: unknown) => void this.#errors.push(e instanceof Error ? e.message : String(e)),
      );
      this.#jobs.add(job);
      void job.finally(() => this.#jobs.delete(job));
    }
  }

  /**
   * Stops taking pages, waits for the thread's work and gives what it made. A page it could not
   * compress is only left to compressOutput, which names the error if it fails again.
   */
  async finish(): Promise<AheadResult> {
    this.#closed = true;
    this.#pending.clear();
    this.#written.clear();
    this.#later = [];
    // What the thread holds and has not begun is left to compressOutput, which has every core.
    this.#pool.stop();
    await Promise.all(this.#jobs);
    await this.#pool.close();
    return { made: this.#made, before: this.#before, touched: this.#touched };
  }

  /** Pages handed to the thread and not given back yet. */
  inFlight(): number {
    return this.#jobs.size;
  }

  /** Errors met, for the log. */
  errors(): readonly string[] {
    return this.#errors;
  }
}

/** Files handed to the threads and not finished yet, at most: enough to keep them busy. */
const MAX_QUEUED = 1024;

/** How many threads compress when nothing else runs: every core. */
export const compressThreads = (): number => Math.max(1, availableParallelism());

export interface CompressOptions {
  /** Threads (default: every core). */
  threads?: number;
  /** Files handed to the threads and not finished yet, at most. */
  maxQueued?: number;
  /** The size from which a file is compressed in pieces. */
  streamFrom?: number;
  /** What CompressAhead did while the pages were rendered. */
  ahead?: AheadResult;
}

/** Writes or refreshes the compressed copies in a built site's folder. */
export async function compressOutput(dir: string, options: CompressOptions = {}): Promise<CompressResult> {
  const { threads = compressThreads(), maxQueued = MAX_QUEUED, streamFrom = STREAM_FROM_BYTES, ahead } = options;
  // The manifest as the build found it: CompressAhead has marked the one on disk since.
  const before = ahead?.before ?? readManifest(dir);
  const madeAhead = ahead?.made ?? new Map<string, MadeAhead>();
  const after: Manifest = {};
  const result: CompressResult = { compressed: [], kept: 0, removed: [], bytes: { source: 0, gzip: 0, brotli: 0 } };
  // The copies as listed: CompressAhead has stopped, so none is being written now.
  const { files, copies } = outputListing(dir);
  const present = new Set(copies);
  const pool = new CompressPool(threads, streamFrom);
  const jobs: Array<Promise<void>> = [];
  // A bounded queue: at P a task for each of 325,000 files, all queued at once, would be hundreds of megabytes.
  let queued = 0;
  let wake: (() => void) | undefined;
  const release = () => {
    queued--;
    wake?.();
    wake = undefined;
  };
  try {
    for (const rel of files) {
      if (!compressible(rel)) continue;
      const st = outputStat(dir, rel);
      const size = st.size;
      if (size < MIN_COMPRESS_BYTES) continue;
      const mtimeNs = String(st.mtimeNs);
      const prev = before[rel];
      if (prev && prev.size === size && prev.mtimeNs === mtimeNs && COPY_ENDINGS.every((e) => present.has(rel + e))) {
        after[rel] = prev;
        result.kept++;
        continue;
      }
      const made = madeAhead.get(rel);
      if (made && made.size === size && made.mtimeNs === mtimeNs && COPY_ENDINGS.every((e) => existsSync(join(dir, rel + e)))) {
        after[rel] = { hash: made.hash, size, mtimeNs };
        if (made.written) {
          result.compressed.push(rel);
          result.bytes.source += size;
          result.bytes.gzip += made.written.gzip;
          result.bytes.brotli += made.written.brotli;
        } else result.kept++;
        continue;
      }
      // Read (by the thread, only the names wait here: at the largest sizes the contents are gigabytes) and hashed; the copies
      // are made again unless they were made from that very content.
      // A file whose copies CompressAhead may have rewritten is not trusted by its hash.
      const job = pool.run({ path: join(dir, rel), madeFrom: ahead?.touched.has(rel) ? undefined : vouchedHash(prev) }).then((done) => {
        if (done.error) throw new Error(`无法压缩 ${rel}：${done.error}`);
        // The size and time were read before the content: a write in between shows in the size, or the next build sees its
        // new time and hashes it again.
        after[rel] = { hash: done.hash, size: done.size, mtimeNs: done.size === size ? mtimeNs : '' };
        if (done.written) {
          result.compressed.push(rel);
          result.bytes.source += done.size;
          result.bytes.gzip += done.written.gzip;
          result.bytes.brotli += done.written.brotli;
        } else result.kept++;
      });
      jobs.push(job);
      queued++;
      job.then(release, release);
      if (queued >= maxQueued) await new Promise<void>((resolve) => (wake = resolve));
    }
    await Promise.all(jobs);
  } finally {
    await pool.close();
  }
  result.compressed.sort();
  // Copies no current file accounts for: a page removed, or shrunk below the threshold; and a copy
  // left half written by a build that stopped (its `.partial`, gone already if it was renamed since).
  for (const rel of copies) {
    if (rel.endsWith('.partial')) {
      rmSync(join(dir, rel), { force: true });
      continue;
    }
    const e = COPY_ENDINGS.find((x) => rel.endsWith(x))!;
    const source = rel.slice(0, -e.length);
    if (compressible(source) && after[source] === undefined) {
      rmSync(join(dir, rel), { force: true });
      result.removed.push(rel);
    }
  }
  if (Object.keys(after).length > 0 || existsSync(join(dir, MANIFEST))) writeManifest(dir, after);
  return result;
}
