/**
 * Reads a Pagefind index (the `pagefind/` folder of a built site) into a form that does not
 * depend on the order pages were added in: each page's fragment by URL, each word's postings
 * and each filter value's pages by URL. Two indexes of the same pages compare equal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cborg';

const body = (file: string): Buffer => gunzipSync(readFileSync(file)).subarray('pagefind_dcd'.length);
const cbor = (file: string): unknown => decode(body(file));

export interface IndexContent {
  /** Page URL → its fragment (content, title, meta, filters, anchors…). */
  pages: Map<string, unknown>;
  /** Word → its postings, each with the page's URL instead of its number, sorted. */
  words: Map<string, string>;
  /** "filter=value" → the URLs of its pages, sorted. */
  filters: Map<string, string[]>;
}

export function readPagefindIndex(dir: string): IndexContent {
  const meta = readdirSync(dir).find((f) => f.endsWith('.pf_meta'));
  if (!meta) throw new Error(`${dir}: no Pagefind meta file`);
  const [, entries] = cbor(join(dir, meta)) as [string, Array<[string, number, string?]>];
  const groups = new Map<string, Record<string, unknown>>();
  const urls: string[] = [];
  const pages = new Map<string, unknown>();
  for (const [hash, , group] of entries) {
    let fragment: unknown;
    if (group) {
      if (!groups.has(group)) groups.set(group, JSON.parse(body(join(dir, 'fragment', `${group}.pf_fragment`)).toString('utf8')) as Record<string, unknown>);
      fragment = groups.get(group)![hash];
    } else {
      fragment = JSON.parse(body(join(dir, 'fragment', `${hash}.pf_fragment`)).toString('utf8'));
    }
    const url = (fragment as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string') throw new Error(`${dir}: page ${hash} has no fragment with a URL`);
    urls.push(url);
    pages.set(url, fragment);
  }
  const urlOf = (n: unknown) => {
    const url = typeof n === 'number' ? urls[n] : undefined;
    if (url === undefined) throw new Error(`${dir}: page number ${String(n)} is not in the meta file`);
    return url;
  };
  const words = new Map<string, string>();
  for (const chunk of readdirSync(join(dir, 'index'))) {
    const [list] = cbor(join(dir, 'index', chunk)) as [Array<[string, Array<[number, ...unknown[]]>, ...unknown[]]>];
    for (const [word, postings, ...rest] of list) {
      // Page numbers are stored as the difference to the posting before.
      let page = 0;
      const byUrl = postings.map(([delta, ...p]) => JSON.stringify([urlOf((page += delta)), ...p])).sort();
      words.set(word, JSON.stringify([byUrl, rest]));
    }
  }
  const filters = new Map<string, string[]>();
  const filterDir = join(dir, 'filter');
  for (const file of existsSync(filterDir) ? readdirSync(filterDir) : []) {
    const [name, values] = cbor(join(filterDir, file)) as [string, Array<[string, number[]]>];
    for (const [value, list] of values) filters.set(`${name}=${value}`, list.map(urlOf).sort());
  }
  return { pages, words, filters };
}
