/**
 * A worker thread of src/build/hosting/compress.ts: hashes a file of the output and, unless its
 * copies were already made from that content, writes its `.gz` and `.br` beside it.
 *
 * Synchronous zlib on a thread of its own, not Node's asynchronous zlib: the asynchronous brotli
 * encoder allocates its buffers afresh on libuv's threads, which cost as much kernel time as the
 * compression itself (README, "Scale"). Imports nothing but Node's own modules, so the thread
 * starts without the build's code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
}

export interface CompressLevels {
  gzip: number;
  brotli: number;
}

function compressOne(job: CompressJob, levels: CompressLevels): CompressDone {
  const body = readFileSync(job.path);
  const hash = createHash('sha256').update(body).digest('base64url');
  if (job.madeFrom === hash && existsSync(`${job.path}.gz`) && existsSync(`${job.path}.br`)) return { id: job.id, hash, size: body.length };
  const gz = gzipSync(body, { level: levels.gzip });
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: levels.brotli, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  // Content the manifest says its copies were made from (a copy went missing) is trusted by the next
  // build as soon as both copies exist: those are written whole or not at all, so that a build
  // stopped halfway cannot leave a cut-off copy that is trusted from then on. Any other content is
  // compressed again by the next build whatever its copies hold.
  const write = job.madeFrom === hash ? writeWhole : writeFileSync;
  write(`${job.path}.gz`, gz);
  write(`${job.path}.br`, br);
  return { id: job.id, hash, size: body.length, written: { gzip: gz.length, brotli: br.length } };
}

/** Writes a file through a temporary name beside it (one `.partial` left by a stopped build is pruned by the next, src/build/prune-output.ts). */
function writeWhole(path: string, data: Uint8Array): void {
  writeFileSync(`${path}.partial`, data);
  renameSync(`${path}.partial`, path);
}

if (parentPort) {
  const port = parentPort;
  const levels = workerData as CompressLevels;
  port.on('message', (job: CompressJob) => {
    let done: CompressDone;
    try {
      done = compressOne(job, levels);
    } catch (e) {
      done = { id: job.id, hash: '', size: 0, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(done);
  });
}
