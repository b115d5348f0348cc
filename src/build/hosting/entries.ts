/** What the host rules are written from: the listing of a built site's folder. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { outputFiles } from '../output-files.ts';

/** The entries of a folder of the output ('' for the top), folder names ending in "/". */
export const entriesOf =
  (out: string) =>
  (folder: string): string[] =>
    readdirSync(join(out, folder), { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));

/** Folders of the output (relative, ending in "/", '' for the top) that directly hold CSV files. */
export function csvFoldersOf(out: string): string[] {
  const folders = new Set<string>();
  for (const f of outputFiles(out)) if (f.endsWith('.csv')) folders.add(f.slice(0, f.lastIndexOf('/') + 1));
  return [...folders];
}
