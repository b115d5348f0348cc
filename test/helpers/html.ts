import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export function readHtml(dir: string, page: string): HTMLElement {
  return parse(readFileSync(join(dir, page), 'utf8'));
}

/** Every file under a directory, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Text content with all whitespace removed, for word-for-word comparisons of Chinese text. */
export function compactText(el: HTMLElement): string {
  return el.textContent.replace(/\s+/g, '');
}
