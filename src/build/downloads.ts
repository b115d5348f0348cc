/**
 * The large downloads — each published table's CSV, CSV for Excel and JSON, and each rating
 * period's CSV and CSV for Excel — are written to the output by the build itself, after the pages,
 * a piece at a time. Astro reads an endpoint's response whole and copies its bytes twice more
 * before it writes the file: at P the ratings' JSON (296 MB) took the build from about 3.8 to
 * 5.3 GB, its highest memory (README, "Scale"). The routes stay, for the dev server, which serves
 * the same pieces (src/data.ts `downloadFiles`, `tableFile`, `periodFile`).
 *
 * The data module, bundled with the pages, says which files there are and what each is written
 * from; the integration (src/integrations/downloads.ts) is not bundled, so they meet on a global
 * symbol, as the page feed does. A file is written again only when its key (everything it is
 * written from, src/build/page-keys.ts) changed, or when it is not the file this step last wrote
 * (its size and modification time in nanoseconds are recorded beside Astro's cache, as the
 * facts of src/build/file-facts.ts are).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readFactsRecord, writeFactsRecord, type FactsRecord } from './file-facts.ts';
import { writeInPiecesYielding } from './write-pieces.ts';

/** One download: where it goes in the output, its key and its bytes in pieces. */
export interface DownloadFile {
  /** Relative to the output folder, with `/` ('data/problems.json'). */
  path: string;
  key: string;
  pieces: () => Iterable<string | Uint8Array>;
}

type DownloadList = () => Promise<DownloadFile[]>;

const PROVIDER = Symbol.for('gushan.downloads');

/** Called by the data module as it loads: how the build lists the downloads. */
export function provideDownloads(list: DownloadList): void {
  (globalThis as { [PROVIDER]?: DownloadList })[PROVIDER] = list;
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

/**
 * Writes each download whose key changed or whose file is not the one recorded; with
 * `recordFile` (an incremental build), the others are kept and the record is rewritten.
 */
export async function writeDownloads(outDir: string, files: readonly DownloadFile[], recordFile?: string): Promise<DownloadsWritten> {
  const before = readFactsRecord<string>(recordFile, RECORD_KIND);
  const after: FactsRecord<string>['files'] = {};
  const result: DownloadsWritten = { written: [], kept: [] };
  const seen = new Set<string>();
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
    await writeInPiecesYielding(abs, f.pieces());
    const written = stamp(abs)!;
    after[f.path] = [written.size, written.mtimeNs, f.key];
    result.written.push(f.path);
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
export async function writeBuildDownloads(outDir: string, files: readonly DownloadFile[], recordFile?: string): Promise<DownloadsWritten> {
  lastWritten = undefined;
  lastWritten = await writeDownloads(outDir, files, recordFile);
  return lastWritten;
}
