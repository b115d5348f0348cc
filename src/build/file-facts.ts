/**
 * Facts read from files of the built site (the scripts a page loads, whether Pagefind indexes
 * it), kept between incremental builds in a file beside Astro's cache: a file whose size and
 * modification time (to the nanosecond) are those recorded is not read again. An incremental
 * build keeps most of its pages, and reading every one of them was most of the time of the steps
 * that need these facts. Writing a file gives it a new time, so only a tool that puts an old time
 * back on changed content could slip past; no step of the build does (the compressed copies trust
 * the same, src/build/hosting/compress.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outputStat } from './output-files.ts';

/** Facts kept about files between builds, each with the size and modification time (ns) it was read at. */
export interface FactsRecord<T> {
  /** What the facts are and how they were read: a record of another kind is not used. */
  kind: string;
  files: { [rel: string]: [size: number, mtimeNs: string, fact: T] };
}

/** The facts a record file holds, by file; none when it is missing, unreadable or of another kind. */
export function readFactsRecord<T>(file: string | undefined, kind: string): FactsRecord<T>['files'] {
  if (!file) return {};
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as FactsRecord<T>;
    return r.kind === kind && r.files && typeof r.files === 'object' && !Array.isArray(r.files) ? r.files : {};
  } catch {
    return {};
  }
}

/** Writes a record file (its folder made if need be). */
export function writeFactsRecord<T>(file: string, kind: string, files: FactsRecord<T>['files']): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ kind, files } satisfies FactsRecord<T>));
}

/**
 * The fact `read` finds in each of `files` (paths relative to `dir`); with `recordFile`, facts of
 * files unchanged since the record was written are taken from it, and the record is rewritten
 * for these files. `kind` names the fact and everything its reading depends on (a base path).
 * `told`: facts of pages this build rendered, worked out from their HTML as it was rendered
 * (src/build/page-feed.ts), taken for a file that has that length.
 */
export function fileFacts<T>(
  dir: string,
  files: readonly string[],
  read: (text: string) => T,
  kind: string,
  recordFile?: string,
  told?: ReadonlyMap<string, { bytes: number; fact: T }>,
): Map<string, T> {
  const before = readFactsRecord<T>(recordFile, kind);
  const after: FactsRecord<T>['files'] = {};
  const facts = new Map<string, T>();
  for (const rel of files) {
    const path = join(dir, rel);
    const st = outputStat(dir, rel);
    const size = st.size;
    const mtimeNs = String(st.mtimeNs);
    const known = before[rel];
    const rendered = told?.get(rel);
    // The time is read before the content: a write in between makes the next build read it again.
    const fact =
      rendered && rendered.bytes === size
        ? rendered.fact
        : known && known.length === 3 && known[0] === size && known[1] === mtimeNs
          ? known[2]
          : read(readFileSync(path, 'utf8'));
    after[rel] = [size, mtimeNs, fact];
    facts.set(rel, fact);
  }
  if (recordFile) writeFactsRecord(recordFile, kind, after);
  return facts;
}

/** The record file of one kind of fact for this build, or none when the build is not incremental. */
export const factsRecordFile = (incremental: boolean, astroCacheDir: string, name: string): string | undefined =>
  incremental ? join(astroCacheDir, `gushan-${name}.json`) : undefined;
