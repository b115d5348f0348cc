/**
 * Writes a file a piece at a time through a file beside it (`.part`), renamed over it once
 * complete: no step holds the whole text, and no reader (nor the next build) finds a file cut
 * short. A piece that fails leaves the file as it was. Used for the downloads
 * (src/build/downloads.ts) and the compressed copies' manifest (src/build/hosting/compress.ts).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeInPieces(path: string, pieces: Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.part`;
  const fd = openSync(part, 'w');
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') writeSync(fd, piece);
      else for (let at = 0; at < piece.byteLength;) at += writeSync(fd, piece, at);
    }
  } catch (e) {
    closeSync(fd);
    rmSync(part, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(part, path);
}
