/**
 * Search at scale, measured on a built site (issue "Search at scale"): for queries drawn with a
 * fixed seed from the data set (test/helpers/search-probes.ts), whether the page each must find
 * is first, in the first three or five, and how many bytes of the search indexes one query
 * fetches on a fresh page (the record index's shards; Pagefind's script, WebAssembly, chunks and
 * fragments when the query needs prose), and by kind of query, everything the fresh page fetched
 * (the page itself, its CSS and scripts too) and whether it loaded Pagefind.
 *
 * Bytes are counted as they cross the network from a host that compresses text, as static
 * hosts do: Pagefind's own files are gzip already and count as they are; its JavaScript and
 * JSON count gzip-compressed. The uncompressed total is printed too, for a host that does not.
 *
 *   node scripts/bench-search.ts --set DIR --site DIST [--samples 20]
 *
 * `npm run bench` runs it on every size it builds (`--no-search` skips it).
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findChromium, launchChromium } from '../test/helpers/browser.ts';
import { serveStatic } from '../test/helpers/static-server.ts';
import { searchProbes } from '../test/helpers/search-probes.ts';

export interface SearchBench {
  queries: number;
  byKind: Record<
    string,
    {
      total: number;
      first: number;
      top3: number;
      top5: number;
      misses: string[];
      /** Everything a fresh search page fetched for one query of this kind (the page, its CSS and scripts, the indexes), as a compressing host sends it. */
      freshPage: { median: number; max: number };
      /** Queries of this kind whose fresh page loaded Pagefind (only prose should). */
      pagefind: number;
    }
  >;
  /** A fresh page: Pagefind's code, WebAssembly and metadata (loaded once per visit) plus the query's chunks and fragments. */
  bytesPerQuery: { median: number; max: number };
  /** A further query on the same page, typed into the search box: what each query after the first costs. */
  bytesPerFurtherQuery: { median: number; max: number };
  /** The same two figures with JavaScript and JSON counted uncompressed. */
  rawBytesPerQuery: { median: number; max: number };
  rawBytesPerFurtherQuery: { median: number; max: number };
}

/** Bytes a compressing host sends for a body: text is gzip-compressed, Pagefind's binary files already are. */
export function wireBytes(url: string, body: Buffer): number {
  return /\.(js|json|css|html)$/.test(new URL(url).pathname) ? gzipSync(body).length : body.length;
}

export async function benchSearch(set: string, site: string, samples = 20): Promise<SearchBench> {
  const chromium = findChromium();
  if (!chromium) throw new Error('bench-search: Chromium not found (apt-get install -y chromium fonts-noto-cjk)');
  const server = await serveStatic(site, '/');
  const browser = await launchChromium(chromium);
  const byKind: SearchBench['byKind'] = {};
  const freshPages = new Map<string, number[]>();
  const bytes: number[] = [];
  const further: number[] = [];
  const rawBytes: number[] = [];
  const rawFurther: number[] = [];
  const probes = searchProbes(set, samples);
  try {
    for (const p of probes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Bodies are read as responses arrive; every read is awaited before a figure is taken.
      let reads: Array<Promise<[number, number]>> = [];
      // Every response of the fresh page, until its first query is answered.
      let pageReads: Array<Promise<number>> | undefined = [];
      let pagefind = false;
      page.on('response', (r) => {
        if (pageReads) {
          if (r.url().includes('/pagefind/')) pagefind = true;
          pageReads.push(
            r.body().then(
              (b) => wireBytes(r.url(), b),
              () => 0,
            ),
          );
        }
        // Both indexes: the record index answers names, codes and ids, Pagefind the prose.
        if (/\/(pagefind|records-index)\//.test(r.url()))
          reads.push(
            r.body().then(
              (b): [number, number] => [wireBytes(r.url(), b), b.length],
              (): [number, number] => [0, 0],
            ),
          );
      });
      const fetchedSoFar = async (wire: number[], raw: number[]) => {
        const got = await Promise.all(reads);
        reads = [];
        wire.push(got.reduce((a, b) => a + b[0], 0));
        raw.push(got.reduce((a, b) => a + b[1], 0));
      };
      await page.goto(`${server.root}search/?q=${encodeURIComponent(p.q)}`);
      await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const top = await page
        .locator(p.suggest ? '[data-suggest] a' : '.search-results .result-title')
        .evaluateAll((els) => els.slice(0, 5).map((e) => new URL((e as HTMLAnchorElement).href).pathname + new URL((e as HTMLAnchorElement).href).hash));
      const k = (byKind[p.kind] ??= { total: 0, first: 0, top3: 0, top5: 0, misses: [], freshPage: { median: 0, max: 0 }, pagefind: 0 });
      const whole = (await Promise.all(pageReads)).reduce((a, b) => a + b, 0);
      pageReads = undefined;
      freshPages.set(p.kind, [...(freshPages.get(p.kind) ?? []), whole]);
      if (pagefind) k.pagefind++;
      const at = top.findIndex((u) => p.pages.some((page) => u.slice(1) === page || (!page.includes('#') && u.slice(1).startsWith(`${page}#`))));
      k.total++;
      if (at === 0) k.first++;
      if (at >= 0 && at < 3) k.top3++;
      if (at >= 0) k.top5++;
      else k.misses.push(p.q);
      await fetchedSoFar(bytes, rawBytes);
      // The next probe's query, typed on the same page.
      const next = probes[(probes.indexOf(p) + 1) % probes.length]!;
      await page.fill('#search-q', next.q);
      await page.press('#search-q', 'Enter');
      await page.waitForFunction(
        (q) =>
          document.querySelector<HTMLInputElement>('#search-q')?.value === q &&
          /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? '') &&
          new URLSearchParams(location.search).get('q') === q,
        next.q,
        { timeout: 60_000 },
      );
      await page.waitForLoadState('networkidle');
      await fetchedSoFar(further, rawFurther);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
  };
  for (const [kind, k] of Object.entries(byKind)) k.freshPage = stats(freshPages.get(kind) ?? []);
  return {
    queries: probes.length,
    byKind,
    bytesPerQuery: stats(bytes),
    bytesPerFurtherQuery: stats(further),
    rawBytesPerQuery: stats(rawBytes),
    rawBytesPerFurtherQuery: stats(rawFurther),
  };
}

export function printSearchBench(size: string, r: SearchBench): void {
  const kb = (n: number) => Math.round(n / 1024);
  console.log(
    `${size} search: ${r.queries} queries; fetched per query on a fresh page ${kb(r.bytesPerQuery.median)} KB median, ${kb(r.bytesPerQuery.max)} KB max; per further query on the same page ${kb(r.bytesPerFurtherQuery.median)} KB median, ${kb(r.bytesPerFurtherQuery.max)} KB max (sent by a compressing host; uncompressed: ${kb(r.rawBytesPerQuery.median)} / ${kb(r.rawBytesPerQuery.max)} KB first, ${kb(r.rawBytesPerFurtherQuery.median)} / ${kb(r.rawBytesPerFurtherQuery.max)} KB further)`,
  );
  for (const [kind, k] of Object.entries(r.byKind))
    console.log(
      `  ${kind}: first ${k.first}/${k.total}, top 3 ${k.top3}/${k.total}, top 5 ${k.top5}/${k.total}; fresh page ${kb(k.freshPage.median)} KB median, ${kb(k.freshPage.max)} KB max, Pagefind loaded ${k.pagefind}/${k.total}${k.misses.length ? `; missed: ${k.misses.slice(0, 3).join('、')}` : ''}`,
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { set: { type: 'string' }, site: { type: 'string' }, samples: { type: 'string', default: '20' } } });
  if (!values.set || !values.site) {
    console.error('用法：node scripts/bench-search.ts --set 数据集文件夹 --site 构建输出文件夹 [--samples 20]');
    process.exit(2);
  }
  printSearchBench(values.site, await benchSearch(values.set, values.site, Number(values.samples)));
}
