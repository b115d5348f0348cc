/**
 * Writes a file a piece at a time through a file beside it (`.part`), renamed over it once
 * complete: no step holds the whole text, and no reader (nor the next build) finds a file cut
 * short. A piece that fails leaves the file as it was. Used for the downloads
 * (src/build/downloads.ts) and the compressed copies' manifest (src/build/hosting/compress.ts).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** The writing, a piece at a time: each step writes one piece; the last renames the file into place. */
function* writing(path: string, pieces: Iterable<string | Uint8Array>): Generator<void, void, undefined> {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.part`;
  const fd = openSync(part, 'w');
  let complete = false;
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') writeSync(fd, piece);
      else for (let at = 0; at < piece.byteLength;) at += writeSync(fd, piece, at);
      yield;
    }
    complete = true;
  } finally {
    closeSync(fd);
    if (!complete) rmSync(part, { force: true });
  }
  renameSync(part, path);
}

export function writeInPieces(path: string, pieces: Iterable<string | Uint8Array>): void {
  const steps = writing(path, pieces);
  while (!steps.next().done);
}

/** How long the writing goes on before it lets the rest of the process run (timers, other threads' replies). */
const TURN_MS = 20;

/**
 * writeInPieces, letting the event loop run between pieces every TURN_MS: the downloads take
 * seconds (40 at P), and the thread that compresses pages meanwhile is handed work by timers.
 */
export async function writeInPiecesYielding(path: string, pieces: Iterable<string | Uint8Array>): Promise<void> {
  const steps = writing(path, pieces);
  let since = performance.now();
  while (!steps.next().done) {
    if (performance.now() - since < TURN_MS) continue;
    await nextTurn();
    since = performance.now();
  }
}
