/** Every file under a built site's folder, as paths relative to it with `/`, in no set order. */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function outputFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}
