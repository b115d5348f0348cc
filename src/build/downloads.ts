/**
 * The large downloads — each published table's CSV, CSV for Excel and JSON, and each rating
 * period's CSV and CSV for Excel — are written to the output by the build itself, a piece at a
 * time, on a thread of their own while Astro renders the pages on the main one. Astro reads an
 * endpoint's response whole and copies its bytes twice more before it writes the file: at P the
 * ratings' JSON (296 MB) took the build from about 3.8 to 5.3 GB, its highest memory (README,
 * "Scale"). Written after the pages on the main thread, they and their compressed copies were
 * seconds of the build's time at L, and about 70 s at P, while the second core had room during
 * the pages. The routes stay, for the dev server, which writes the same content
 * (src/data.ts `downloadFiles`, `tableFile`, `periodFile`; src/lib/publishing/downloads.ts).
 *
 * The data module, bundled with the pages, says which files there are and what each is written
 * from; the integration (src/integrations/downloads.ts) is not bundled, so they meet on a global
 * symbol, as the page feed does: the writing begins as soon as the first page loads the data
 * module. A file is written again only when its key (everything it is written from,
 * src/build/page-keys.ts) changed, or when it is not the file this step last wrote (its size and
 * modification time in nanoseconds are recorded beside Astro's cache, as the facts of
 * src/build/file-facts.ts are).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DownloadContent } from '../lib/publishing/downloads.ts';
import { readFactsRecord, writeFactsRecord, type FactsRecord } from './file-facts.ts';

/** One download: where it goes in the output, its key and its bytes in pieces. */
export interface DownloadFile {
  /** Relative to the output folder, with `/` ('data/problems.json'). */
  path: string;
  key: string;
  /** What it is written from, asked for only when it is written. */
  content: () => DownloadContent;
}

/** The downloads as the data module lists them (src/data.ts downloadFiles). */
export type DownloadList = () => Promise<DownloadFile[]>;

const PROVIDER = Symbol.for('gushan.downloads');
const WAITING = Symbol.for('gushan.downloads-waiting');
type Meeting = { [PROVIDER]?: DownloadList; [WAITING]?: (list: DownloadList) => void };

/** Called by the data module as it loads: how the build lists the downloads. */
export function provideDownloads(list: DownloadList): void {
  const g = globalThis as Meeting;
  g[PROVIDER] = list;
  const waiting = g[WAITING];
  g[WAITING] = undefined;
  // Not while the data module is still being evaluated.
  if (waiting) setImmediate(() => waiting(list));
}

/** `begin` is called with the list once the data module gives it (at once if it has); once only. */
export function whenDownloadsProvided(begin: (list: DownloadList) => void): void {
  const g = globalThis as Meeting;
  const list = g[PROVIDER];
  if (list) begin(list);
  else g[WAITING] = begin;
}

/** Forgets the list and any step waiting for it: a new build. */
export function forgetProvidedDownloads(): void {
  const g = globalThis as Meeting;
  g[PROVIDER] = undefined;
  g[WAITING] = undefined;
}

/** The downloads the data module said there are; undefined when no page loaded it. */
export function providedDownloads(): DownloadList | undefined {
  return (globalThis as { [PROVIDER]?: DownloadList })[PROVIDER];
}

/**
 * A path a download may have: folders and a file name of letters, digits, `.`, `_` and `-`, no
 * folder `.` or `..`. Its parts come from validated table names and rating periods; a path that
 * is not one of these is a mistake in the code, and nothing is written outside the output.
 */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
export const isSafeDownloadPath = (path: string): boolean => SAFE_PATH.test(path) && !path.split('/').some((p) => p === '.' || p === '..');

/** What this step wrote last: each file's size, modification time (ns) and key (src/build/file-facts.ts). */
const RECORD_KIND = 'downloads-2';

const stamp = (abs: string): { size: number; mtimeNs: string } | undefined => {
  try {
    const st = statSync(abs, { bigint: true });
    return st.isFile() ? { size: Number(st.size), mtimeNs: String(st.mtimeNs) } : undefined;
  } catch {
    return undefined;
  }
};

/** The files this build wrote and those it kept from the build before (for the pruning of the output). */
export interface DownloadsWritten {
  written: string[];
  kept: string[];
}

/** What the main thread sends the thread (downloads-worker.ts): a file, then for a JSON download its records in groups. */
export type DownloadMessage =
  | { type: 'file'; id: number; path: string; content: Exclude<DownloadContent, { kind: 'json' }> | { kind: 'json'; columns: readonly string[] } }
  | { type: 'records'; id: number; records: ReadonlyArray<Record<string, unknown>>; last: boolean };

/** What the thread answers: a group of records written, a file written (its size and time), or why not. */
export type DownloadReply = { id: number; ack: true } | { id: number; size: number; mtimeNs: string } | { id: number; error: string };

/** Records sent to the thread at once, and groups sent ahead of its answers. */
const RECORDS_GROUP = 2000;
const GROUPS_AHEAD = 2;

/** A view's bytes only: a message copies a typed array's whole buffer, which may be a larger one's (a file read from git among others). */
const own = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());
const ownBuffer = (c: Exclude<DownloadContent, { kind: 'json' }>): Exclude<DownloadContent, { kind: 'json' }> =>
  c.kind === 'bytes' ? { kind: 'bytes', bytes: own(c.bytes) } : { kind: 'excel-csv', csv: own(c.csv), columns: c.columns };

/** The thread that writes the downloads, one file at a time. */
class DownloadsThread {
  readonly #worker = new Worker(new URL('./downloads-worker.ts', import.meta.url));
  #nextId = 0;
  /** The file being written: its id and what its answers do. */
  #current: { id: number; ack: () => void; done: (r: { size: number; mtimeNs: string }) => void; fail: (e: Error) => void } | undefined;

  constructor() {
    // Held open only while it writes: a build that stops with an error is not kept waiting for it.
    this.#worker.unref();
    this.#worker.on('message', (r: DownloadReply) => {
      const c = this.#current;
      if (!c || c.id !== r.id) return;
      if ('ack' in r) c.ack();
      else if ('error' in r) c.fail(new Error(r.error));
      else c.done(r);
    });
    const lost = (e: Error) => this.#current?.fail(e);
    this.#worker.on('error', lost);
    this.#worker.on('exit', (code) => lost(new Error(`写下载文件的线程意外退出（${code}）`)));
  }

  /** Writes `content` to `path` (absolute); the records of a JSON download a group at a time. */
  async write(path: string, content: DownloadContent): Promise<{ size: number; mtimeNs: string }> {
    const id = this.#nextId++;
    let acks = 0;
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    const finished = new Promise<{ size: number; mtimeNs: string }>((resolve, reject) => {
      this.#current = {
        id,
        ack: () => (acks++, wake?.()),
        done: resolve,
        fail: (e) => {
          failure = e;
          wake?.();
          reject(e);
        },
      };
    });
    // Awaited below; until then a failure is only noted (not an unhandled rejection, which would end the build).
    finished.catch(() => {});
    this.#worker.ref();
    try {
      if (content.kind !== 'json') {
        this.#worker.postMessage({ type: 'file', id, path, content: ownBuffer(content) } satisfies DownloadMessage);
        return await finished;
      }
      this.#worker.postMessage({ type: 'file', id, path, content: { kind: 'json', columns: content.columns } } satisfies DownloadMessage);
      const { records } = content;
      let sent = 0;
      for (let at = 0; ; at += RECORDS_GROUP) {
        while (!failure && sent - acks >= GROUPS_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
        if (failure) break;
        const last = at + RECORDS_GROUP >= records.length;
        this.#worker.postMessage({ type: 'records', id, records: records.slice(at, at + RECORDS_GROUP), last } satisfies DownloadMessage);
        sent++;
        if (last) break;
      }
      return await finished;
    } finally {
      this.#current = undefined;
      this.#worker.unref();
    }
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/**
 * Writes each download whose key changed or whose file is not the one recorded, on a thread of
 * its own; with `recordFile` (an incremental build), the others are kept and the record is
 * rewritten. `onWritten` is told each file written (relative path, size), as it is.
 */
export async function writeDownloads(
  outDir: string,
  files: readonly DownloadFile[],
  recordFile?: string,
  onWritten?: (path: string, bytes: number) => void,
): Promise<DownloadsWritten> {
  const before = readFactsRecord<string>(recordFile, RECORD_KIND);
  const after: FactsRecord<string>['files'] = {};
  const result: DownloadsWritten = { written: [], kept: [] };
  const seen = new Set<string>();
  let thread: DownloadsThread | undefined;
  try {
    for (const f of files) {
      if (!isSafeDownloadPath(f.path)) throw new Error(`download path ${JSON.stringify(f.path)} is not a relative path of plain names`);
      if (seen.has(f.path)) throw new Error(`two downloads are written to ${f.path}`);
      seen.add(f.path);
      const abs = join(outDir, f.path);
      const prev = before[f.path];
      const now = prev ? stamp(abs) : undefined;
      if (prev && now && prev[0] === now.size && prev[1] === now.mtimeNs && prev[2] === f.key) {
        after[f.path] = prev;
        result.kept.push(f.path);
        continue;
      }
      thread ??= new DownloadsThread();
      const written = await thread.write(abs, f.content());
      after[f.path] = [written.size, written.mtimeNs, f.key];
      result.written.push(f.path);
      onWritten?.(f.path, written.size);
    }
  } finally {
    await thread?.close();
  }
  if (recordFile) writeFactsRecord(recordFile, RECORD_KIND, after);
  return result;
}

let lastWritten: DownloadsWritten | undefined;

/** The downloads this build wrote (not those kept from the build before), once written. */
export function downloadsWrittenNow(): readonly string[] {
  return lastWritten?.written ?? [];
}

/** The downloads of this build, once written: the pruning of an incremental build keeps them. */
export function downloadsOfThisBuild(): readonly string[] {
  return lastWritten ? [...lastWritten.written, ...lastWritten.kept] : [];
}

/** writeDownloads, remembered for downloadsOfThisBuild (the integration's step). */
export async function writeBuildDownloads(
  outDir: string,
  files: readonly DownloadFile[],
  recordFile?: string,
  onWritten?: (path: string, bytes: number) => void,
): Promise<DownloadsWritten> {
  lastWritten = undefined;
  lastWritten = await writeDownloads(outDir, files, recordFile, onWritten);
  return lastWritten;
}
