/**
 * The thread that writes the downloads (src/build/downloads.ts): it encodes each file from what
 * the main thread sends (src/lib/publishing/downloads.ts, the encoders the dev server uses too)
 * and writes it through a `.part` renamed into place (src/build/write-pieces.ts). A JSON
 * download's records come a group at a time, each group acknowledged, so that neither thread
 * holds a second copy of a large table.
 */
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { downloadPieces, jsonEnd, jsonRecordsText } from '../lib/publishing/downloads.ts';
import { setThreadPriority } from './thread-priority.ts';
import { PieceFile } from './write-pieces.ts';
import type { DownloadMessage, DownloadReply } from './downloads.ts';

/** The JSON download being written: its file, its columns and whether a record was written yet. */
let json: { id: number; path: string; file: PieceFile; columns: readonly string[]; any: boolean } | undefined;
/** A file that failed: the rest of its records are let go unread. */
let failed: number | undefined;

// Below the main thread, which renders the pages meanwhile; above the compressed copies' thread.
setThreadPriority(constants.priority.PRIORITY_BELOW_NORMAL);

const reply = (r: DownloadReply) => parentPort!.postMessage(r);

function written(id: number, path: string): void {
  const st = statSync(path, { bigint: true });
  reply({ id, size: Number(st.size), mtimeNs: String(st.mtimeNs) });
}

function handle(m: DownloadMessage): void {
  if (m.type === 'records') {
    if (m.id === failed) return;
    if (!json || json.id !== m.id) throw new Error(`records for download ${m.id}, which is not being written`);
    if (m.records.length > 0) {
      json.file.write(jsonRecordsText(json.columns, m.records, !json.any));
      json.any = true;
    }
    if (!m.last) return reply({ id: m.id, ack: true });
    const { file, path, any } = json;
    file.write(jsonEnd(any));
    file.done();
    json = undefined;
    return written(m.id, path);
  }
  const file = new PieceFile(m.path);
  if (m.content.kind === 'json') {
    json = { id: m.id, path: m.path, file, columns: m.content.columns, any: false };
    return;
  }
  try {
    for (const piece of downloadPieces(m.content)) file.write(piece);
  } catch (e) {
    file.abort();
    throw e;
  }
  file.done();
  written(m.id, m.path);
}

parentPort!.on('message', (m: DownloadMessage) => {
  try {
    handle(m);
  } catch (e) {
    if (json?.id === m.id) {
      json.file.abort();
      json = undefined;
    }
    failed = m.id;
    reply({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
