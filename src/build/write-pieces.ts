/**
 * Writes a file a piece at a time through a file beside it (`.part`), renamed over it once
 * complete: no step holds the whole text, and no reader (nor the next build) finds a file cut
 * short. A piece that fails leaves the file as it was. Used for the downloads
 * (src/build/downloads-worker.ts) and the compressed copies' manifest (src/build/hosting/compress.ts).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A file being written: pieces as they come (a download's records arrive from another thread), then done() or abort(). */
export class PieceFile {
  readonly #path: string;
  readonly #part: string;
  #fd: number | undefined;

  constructor(path: string) {
    this.#path = path;
    this.#part = `${path}.part`;
    mkdirSync(dirname(path), { recursive: true });
    this.#fd = openSync(this.#part, 'w');
  }

  write(piece: string | Uint8Array): void {
    if (this.#fd === undefined) throw new Error(`${this.#path} is closed`);
    try {
      if (typeof piece === 'string') writeSync(this.#fd, piece);
      else for (let at = 0; at < piece.byteLength;) at += writeSync(this.#fd, piece, at);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Complete: renamed into place. */
  done(): void {
    if (this.#fd === undefined) throw new Error(`${this.#path} is closed`);
    closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(this.#part, this.#path);
  }

  /** Given up: the `.part` is removed, the file before it left in place. */
  abort(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.#part, { force: true });
  }
}

export function writeInPieces(path: string, pieces: Iterable<string | Uint8Array>): void {
  const file = new PieceFile(path);
  try {
    for (const piece of pieces) file.write(piece);
  } catch (e) {
    file.abort();
    throw e;
  }
  file.done();
}
