/**
 * The task of src/build/hosting/compress.ts's worker threads (run by Piscina): hashes a file of
 * the output and, unless its copies were already made from that content, writes its `.gz` and
 * `.br` beside it.
 *
 * Synchronous zlib on a thread of its own, not Node's asynchronous zlib: the asynchronous brotli
 * encoder allocates its buffers afresh on libuv's threads, which cost as much kernel time as the
 * compression itself (README, "Scale"). Imports nothing but Node's own modules, so a thread
 * starts without the build's code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A file to compress, by its absolute path. */
export interface CompressJob {
  path: string;
  /** The content's hash its copies were made from, if any: the same content with both copies present is not compressed again. */
  madeFrom?: string;
  gzipLevel: number;
  brotliQuality: number;
}

export interface CompressDone {
  hash: string;
  /** Bytes of the content hashed. */
  size: number;
  /** The copies' sizes, when written now. */
  written?: { gzip: number; brotli: number };
}

export default function compressFile(job: CompressJob): CompressDone {
  const body = readFileSync(job.path);
  const hash = createHash('sha256').update(body).digest('base64url');
  if (job.madeFrom === hash && existsSync(`${job.path}.gz`) && existsSync(`${job.path}.br`)) return { hash, size: body.length };
  const gz = gzipSync(body, { level: job.gzipLevel });
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: job.brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(`${job.path}.gz`, gz);
  writeFileSync(`${job.path}.br`, br);
  return { hash, size: body.length, written: { gzip: gz.length, brotli: br.length } };
}
