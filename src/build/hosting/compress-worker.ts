/**
 * A worker thread of src/build/hosting/compress.ts: hashes a file of the output and, unless its
 * copies were already made from that content, writes its `.gz` and `.br` beside it.
 *
 * Synchronous zlib on a thread of its own, not Node's asynchronous zlib: the asynchronous brotli
 * encoder allocates its buffers afresh on libuv's threads, which cost as much kernel time as the
 * compression itself (README, "Scale"). Imports nothing but Node's own modules, so the thread
 * starts without the build's code.
 *
 * A file of STREAM_FROM bytes or more (at P, the largest downloads are hundreds of megabytes) is
 * read and compressed in pieces, with Node's streams, instead of being held whole beside both its
 * copies: a few such files cost their streams' time to set up, not hundreds of megabytes.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { constants as constantsOs } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { setThreadPriority } from '../thread-priority.ts';

/** A file to compress, by its absolute path. */
export interface CompressJob {
  id: number;
  path: string;
  /** The content's hash its copies were made from, if any: the same content with both copies present is not compressed again. */
  madeFrom?: string;
}

export interface CompressDone {
  id: number;
  hash: string;
  /** Bytes of the content hashed. */
  size: number;
  /** The copies' sizes, when written now. */
  written?: { gzip: number; brotli: number };
  /** Why the file could not be compressed (it went, it could not be read). */
  error?: string;
  /** For a file read in pieces: how many such files its thread was compressing while it was (itself included). */
  inPiecesAtOnce?: number;
  /** Not begun: its pool was stopped first (CompressPool.stop); the file and its copies are as they were. */
  skipped?: true;
}

export interface CompressLevels {
  gzip: number;
  brotli: number;
}

/** What a thread is started with: the levels, the size from which a file is compressed in pieces, whether to run at the lowest priority. */
export interface CompressSettings extends CompressLevels {
  streamFrom: number;
  idle: boolean;
  /** One 32-bit flag, set by CompressPool.stop: a job not begun is then given back skipped. */
  stop: SharedArrayBuffer;
}

/** The pieces a large file is read in. */
const PIECE = 1 << 20;

const brotliParams = (levels: CompressLevels, size: number) => ({
  [constants.BROTLI_PARAM_QUALITY]: levels.brotli,
  [constants.BROTLI_PARAM_SIZE_HINT]: size,
});

function compressOne(job: CompressJob, levels: CompressLevels): CompressDone {
  const body = readFileSync(job.path);
  const hash = createHash('sha256').update(body).digest('base64url');
  if (job.madeFrom === hash && existsSync(`${job.path}.gz`) && existsSync(`${job.path}.br`)) return { id: job.id, hash, size: body.length };
  const gz = gzipSync(body, { level: levels.gzip });
  const br = brotliCompressSync(body, { params: brotliParams(levels, body.length) });
  // Content the manifest says its copies were made from (a copy went missing) is trusted by the next
  // build as soon as both copies exist: those are written whole or not at all, so that a build
  // stopped halfway cannot leave a cut-off copy that is trusted from then on. Any other content is
  // compressed again by the next build whatever its copies hold.
  const write = job.madeFrom === hash ? writeWhole : writeFileSync;
  write(`${job.path}.gz`, gz);
  write(`${job.path}.br`, br);
  return { id: job.id, hash, size: body.length, written: { gzip: gz.length, brotli: br.length } };
}

/** The hash and size of a file, read a piece at a time. */
function hashInPieces(path: string): { hash: string; size: number } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const piece = Buffer.allocUnsafe(PIECE);
    let size = 0;
    for (let n = readSync(fd, piece, 0, PIECE, null); n > 0; n = readSync(fd, piece, 0, PIECE, null)) {
      hash.update(piece.subarray(0, n));
      size += n;
    }
    return { hash: hash.digest('base64url'), size };
  } finally {
    closeSync(fd);
  }
}

/**
 * compressOne for a large file, in pieces. Its copies are always written through a temporary
 * name: writing one takes seconds, and a build stopped meanwhile must not leave half of one.
 */
async function compressInPieces(job: CompressJob, levels: CompressLevels): Promise<CompressDone> {
  const { hash, size } = hashInPieces(job.path);
  if (job.madeFrom === hash && existsSync(`${job.path}.gz`) && existsSync(`${job.path}.br`)) return { id: job.id, hash, size };
  const copy = async (ending: string, compressor: NodeJS.ReadWriteStream): Promise<number> => {
    const out = createWriteStream(`${job.path}${ending}.partial`);
    await pipeline(createReadStream(job.path, { highWaterMark: PIECE }), compressor, out);
    renameSync(`${job.path}${ending}.partial`, `${job.path}${ending}`);
    return out.bytesWritten;
  };
  const gzip = await copy('.gz', createGzip({ level: levels.gzip }));
  const brotli = await copy('.br', createBrotliCompress({ params: brotliParams(levels, size) }));
  return { id: job.id, hash, size, written: { gzip, brotli } };
}

/** Writes a file through a temporary name beside it (one `.partial` left by a stopped build is deleted by the next one's copies step, compressOutput). */
function writeWhole(path: string, data: Uint8Array): void {
  writeFileSync(`${path}.partial`, data);
  renameSync(`${path}.partial`, path);
}

if (parentPort) {
  const port = parentPort;
  const settings = workerData as CompressSettings;
  if (settings.idle) setThreadPriority(constantsOs.priority.PRIORITY_LOW);
  const failed = (job: CompressJob, e: unknown): CompressDone => ({ id: job.id, hash: '', size: 0, error: e instanceof Error ? e.message : String(e) });
  // Large files one after another: each holds its streams' buffers and a compressor's tables, and at P the
  // last of the pool's queue was several of the largest downloads at once (the build's highest memory).
  let inPieces: Promise<void> = Promise.resolve();
  let inPiecesNow = 0;
  const stop = new Int32Array(settings.stop);
  const stopped = (job: CompressJob): boolean => {
    if (Atomics.load(stop, 0) === 0) return false;
    port.postMessage({ id: job.id, hash: '', size: 0, skipped: true } satisfies CompressDone);
    return true;
  };
  port.on('message', (job: CompressJob) => {
    if (stopped(job)) return;
    let done: CompressDone;
    try {
      if (statSync(job.path).size >= settings.streamFrom) {
        // The small files after it go on meanwhile; the pool matches replies by id.
        inPieces = inPieces.then(async () => {
          if (stopped(job)) return;
          inPiecesNow++;
          try {
            port.postMessage({ ...(await compressInPieces(job, settings)), inPiecesAtOnce: inPiecesNow });
          } catch (e) {
            port.postMessage(failed(job, e));
          } finally {
            inPiecesNow--;
          }
        });
        return;
      }
      done = compressOne(job, settings);
    } catch (e) {
      done = failed(job, e);
    }
    port.postMessage(done);
  });
}
