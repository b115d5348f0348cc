/**
 * The hand-over between page rendering and the steps after it during `astro build`
 * (src/middleware/page-feed.ts gives; the search indexer, src/integrations/pagefind.ts, and the
 * size report take): which file each page went to, how long it is, whether it is prose and
 * which scripts it loads. Pagefind reads prose pages on the second core while Astro renders the
 * next ones on the first, and neither step has to read a page rendered by this build again to
 * learn those facts. The middleware is bundled apart from the integrations, so they meet on a
 * global symbol.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';

const PAGE_FEEDS = Symbol.for('gushan.page-feeds');

/** The attribute that marks what Pagefind indexes (SearchMeta.astro, the prose pages). */
export const PAGEFIND_BODY = 'data-pagefind-body';

/** What a rendered page tells the steps after the pages. */
export interface RenderedPage {
  /** The length of its HTML in bytes. */
  bytes: number;
  /** Whether it holds prose for Pagefind (PAGEFIND_BODY). */
  prose: boolean;
  /** The `src` of each of its scripts, as written. */
  scripts: string[];
}

/** Receives a rendered page: its URL path (base included) and what it tells. */
export type PageFeed = (pathname: string, page: RenderedPage) => void;

/**
 * Hands a rendered HTML page to the feeds and gives Astro a response that writes the same bytes.
 * The body is teed, not read into a buffer and put into a new response: each page's bytes then
 * pass through one buffer fewer on their way to the file, and at P copies of pages were what
 * started most of V8's full collections during the pages ("external memory pressure", README,
 * "Scale"). Anything but an HTML page (a redirect is written as Astro's own page) passes untouched.
 */
export async function feedPage(pathname: string, response: Response, feeds: ReadonlySet<PageFeed>): Promise<Response> {
  const redirect = response.status >= 300 && response.status < 400;
  if (feeds.size === 0 || redirect || response.body === null || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const [mine, astros] = response.body.tee();
  const chunks: Uint8Array[] = [];
  for await (const chunk of mine) chunks.push(chunk);
  // A page rendered whole (Astro does not stream during a build) is one chunk, looked at where it is.
  const only = chunks.length === 1 ? chunks[0]! : undefined;
  const page = renderedPage(only ? Buffer.from(only.buffer, only.byteOffset, only.byteLength) : Buffer.concat(chunks));
  for (const feed of feeds) feed(pathname, page);
  return new Response(astros, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The `src` of each `<script>` of a page, as written (the size report weighs them). */
export const scriptSources = (html: string): string[] => [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);

/** What a page's HTML tells (the middleware works it out once, as the page is rendered). */
export function renderedPage(html: Buffer): RenderedPage {
  return { bytes: html.length, prose: html.includes(PAGEFIND_BODY), scripts: scriptsOf(html) };
}

/**
 * The scripts' addresses, read from the bytes: only each `<script …>` tag is decoded, not the
 * whole page (17 KB a page, 31,000 pages at L). A string decoded from a slice is its own, so the
 * addresses, kept until the size report, do not keep the page alive as a piece of a string would.
 */
function scriptsOf(html: Buffer): string[] {
  const out: string[] = [];
  for (let at = html.indexOf('<script'); at !== -1; at = html.indexOf('<script', at + 7)) {
    const end = html.indexOf('>', at);
    if (end === -1) break;
    for (const src of scriptSources(`${html.toString('utf8', at, end + 1)}</script>`)) out.push(sharedSource(src));
  }
  return out;
}

/**
 * A site has a few dozen script addresses and hundreds of thousands of pages loading them: each
 * address is kept once. Also keeps a page's text from living on behind an address cut out of it.
 */
const sources = new Map<string, string>();
export function sharedSource(src: string): string {
  const known = sources.get(src);
  if (known !== undefined) return known;
  sources.set(src, src);
  return src;
}

type Slot = Record<symbol, Set<PageFeed> | undefined>;

/** Starts giving rendered pages to `feed` (until removePageFeed). */
export function addPageFeed(feed: PageFeed): void {
  ((globalThis as Slot)[PAGE_FEEDS] ??= new Set()).add(feed);
}

export function removePageFeed(feed: PageFeed): void {
  (globalThis as Slot)[PAGE_FEEDS]?.delete(feed);
}

/** The feeds a rendered page goes to (none outside a build). */
export function pageFeeds(): ReadonlySet<PageFeed> {
  return (globalThis as Slot)[PAGE_FEEDS] ?? new Set();
}

/**
 * The file a page is written to, relative to the output folder, from its URL path, as Astro
 * writes it with build.format 'directory': `problems/P1/` → `problems/P1/index.html`,
 * `/404` → `404.html`. Undefined for a path outside the base.
 */
export function outputFileOf(pathname: string, base: string): string | undefined {
  const root = base.endsWith('/') ? base : `${base}/`;
  const inside = pathname === root.slice(0, -1) ? '' : pathname.startsWith(root) ? pathname.slice(root.length) : undefined;
  if (inside === undefined) return undefined;
  const path = decodeURI(inside);
  // Astro writes its error pages as files, whatever the trailing-slash setting.
  if (/^(404|500)\/?$/.test(path)) return `${path.replace('/', '')}.html`;
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return /\.[a-z0-9]+$/i.test(path) ? path : `${path}.html`;
}

/**
 * Rendered pages in the order they were started, cut into batches. A batch is ready once each
 * of its files is on disk at its full length (Astro writes a page after rendering it, several
 * at a time), so no one reads a half-written page.
 */
export class FeedBatches {
  readonly #dir: string;
  /** Pages per batch. */
  readonly size: number;
  readonly #pages: Array<{ file: string; bytes: number }> = [];
  readonly #known = new Set<string>();
  #taken = 0;
  /** Pages from #taken on already seen written in full, so a check does not stat them again. */
  #written = 0;

  constructor(dir: string, size: number) {
    this.#dir = dir;
    this.size = size;
  }

  /**
   * A rendered page. One that is not prose is only counted: once any page is marked as prose,
   * Pagefind leaves every other page out of the index anyway, after reading it, and the site marks
   * its prose. So record pages, most of a large site, are never read.
   */
  add(file: string, bytes: number, prose = true): void {
    if (this.#known.has(file)) return;
    this.#known.add(file);
    if (prose) this.#pages.push({ file, bytes });
  }

  /** The next full batch if all its files are written, else undefined. */
  takeReady(): string[] | undefined {
    if (this.#pages.length - this.#taken < this.size) return undefined;
    const end = this.#taken + this.size;
    while (this.#written < end && this.#onDisk(this.#pages[this.#written]!)) this.#written++;
    if (this.#written < end) return undefined;
    const batch = this.#pages.slice(this.#taken, end).map((p) => p.file);
    this.#taken = end;
    return batch;
  }

  /** How many pages are not taken yet. */
  waiting(): number {
    return this.#pages.length - this.#taken;
  }

  /** Every page not taken yet (once rendering is over). */
  takeAll(): string[] {
    const rest = this.#pages.slice(this.#taken).map((p) => p.file);
    this.#taken = this.#pages.length;
    this.#written = Math.max(this.#written, this.#taken);
    return rest;
  }

  /** Every file a page was rendered to. */
  files(): ReadonlySet<string> {
    return this.#known;
  }

  #onDisk(page: { file: string; bytes: number }): boolean {
    try {
      return statSync(join(this.#dir, page.file)).size === page.bytes;
    } catch {
      return false;
    }
  }
}
