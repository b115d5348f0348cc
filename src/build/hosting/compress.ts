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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { outputFiles, outputStat } from '../output-files.ts';
import { CONTENT_TYPES, HOST_FILES, TEXT_TYPES, extensionOf } from './rules.ts';

/** Files smaller than this are sent as they are: compression would save less than a packet. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * Levels: gzip 9 and brotli 7 (of 11): brotli 8 to 11 cost many times the time for a few per
 * cent (README, "Scale", has the figures `npm run bench` prints).
 */
export const GZIP_LEVEL = 9;
export const BROTLI_QUALITY = 7;
/** Files compressed at once: zlib works on libuv's threads, so both cores are used. */
const CONCURRENCY = 4;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The record of which content each file's copies were made from (one of HOST_FILES). */
export const MANIFEST = '_compressed.json';

export const ENCODINGS = [
  { ext: '.gz', encoding: 'gzip', compress: (b: Buffer) => gzipAsync(b, { level: GZIP_LEVEL }) },
  {
    ext: '.br',
    encoding: 'br',
    compress: (b: Buffer) => brotliAsync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  },
] as const;

/** Whether a file of the output (relative path) gets compressed copies. */
export function compressible(rel: string): boolean {
  if ((HOST_FILES as readonly string[]).includes(rel)) return false;
  const type = CONTENT_TYPES[extensionOf(rel)];
  return type !== undefined && TEXT_TYPES.has(type);
}

export interface CompressResult {
  /** Files compressed now (new or changed). */
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

/** Writes or refreshes the compressed copies in a built site's folder. */
export async function compressOutput(dir: string): Promise<CompressResult> {
  const before = readManifest(dir);
  const after: Manifest = {};
  const result: CompressResult = { compressed: [], kept: 0, removed: [], bytes: { source: 0, gzip: 0, brotli: 0 } };
  const files = outputFiles(dir).sort();
  const present = new Set(files);
  // Only the names: a file's content is read again when its turn comes, so that the contents waiting to be compressed are
  // never all in memory at once (at the largest sizes they are gigabytes).
  const todo: string[] = [];
  for (const rel of files) {
    if (!compressible(rel)) continue;
    const path = join(dir, rel);
    const st = outputStat(dir, rel);
    const size = Number(st.size);
    if (size < MIN_COMPRESS_BYTES) continue;
    const mtimeNs = String(st.mtimeNs);
    const prev = before[rel];
    const copies = ENCODINGS.every((e) => present.has(rel + e.ext));
    if (prev && copies && prev.size === size && prev.mtimeNs === mtimeNs) {
      after[rel] = prev;
      result.kept++;
      continue;
    }
    const body = readFileSync(path);
    const hash = createHash('sha256').update(body).digest('base64url');
    // The size and time read before the content: a write in between makes the next build hash it again.
    after[rel] = { hash, size, mtimeNs };
    if (prev?.hash === hash && copies) result.kept++;
    else todo.push(rel);
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const rel = todo[next++]!;
      const body = await readFile(join(dir, rel));
      // Written since it was hashed: the next build sees its new time and hashes it again; record what was compressed now.
      const hash = createHash('sha256').update(body).digest('base64url');
      if (hash !== after[rel]!.hash) after[rel] = { hash, size: body.length, mtimeNs: '' };
      result.bytes.source += body.length;
      for (const e of ENCODINGS) {
        const packed = await e.compress(body);
        await writeFile(join(dir, rel + e.ext), packed);
        result.bytes[e.encoding === 'gzip' ? 'gzip' : 'brotli'] += packed.length;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  result.compressed = [...todo];
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
  if (Object.keys(after).length > 0 || existsSync(join(dir, MANIFEST))) writeFileSync(join(dir, MANIFEST), `${JSON.stringify(after)}\n`);
  return result;
}
