/**
 * Search at scale, measured on a built site (issue "Search at scale"): for queries drawn with a
 * fixed seed from the data set (test/helpers/search-probes.ts), whether the page each must find
 * is first, in the first three or five, and how many bytes of the search index one query
 * fetches on a fresh page (pagefind.js, its WebAssembly, the index chunks and fragments).
 *
 *   node scripts/bench-search.ts --set DIR --site DIST [--samples 20]
 *
 * `npm run bench -- --search` runs it on every size it builds.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium } from '../test/helpers/browser.ts';
import { serveStatic } from '../test/helpers/static-server.ts';
import { searchProbes } from '../test/helpers/search-probes.ts';

export interface SearchBench {
  queries: number;
  byKind: Record<string, { total: number; first: number; top3: number; top5: number; misses: string[] }>;
  bytesPerQuery: { median: number; max: number };
}

export async function benchSearch(set: string, site: string, samples = 20): Promise<SearchBench> {
  const chromium = findChromium();
  if (!chromium) throw new Error('bench-search: Chromium not found (apt-get install -y chromium fonts-noto-cjk)');
  const server = await serveStatic(site, '/');
  const browser = await launchChromium(chromium);
  const byKind: SearchBench['byKind'] = {};
  const bytes: number[] = [];
  const probes = searchProbes(set, samples);
  try {
    for (const p of probes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let fetched = 0;
      page.on('response', async (r) => {
        if (r.url().includes('/pagefind/')) fetched += (await r.body().catch(() => Buffer.alloc(0))).length;
      });
      await page.goto(`${server.root}search/?q=${encodeURIComponent(p.q)}`);
      await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const top = await page.locator('.search-results .result-title').evaluateAll((els) => els.slice(0, 5).map((e) => new URL((e as HTMLAnchorElement).href).pathname));
      const k = (byKind[p.kind] ??= { total: 0, first: 0, top3: 0, top5: 0, misses: [] });
      const at = top.findIndex((u) => p.pages.includes(u.slice(1)));
      k.total++;
      if (at === 0) k.first++;
      if (at >= 0 && at < 3) k.top3++;
      if (at >= 0) k.top5++;
      else k.misses.push(p.q);
      bytes.push(fetched);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  bytes.sort((a, b) => a - b);
  return { queries: probes.length, byKind, bytesPerQuery: { median: bytes[Math.floor(bytes.length / 2)] ?? 0, max: bytes[bytes.length - 1] ?? 0 } };
}

export function printSearchBench(size: string, r: SearchBench): void {
  console.log(`${size} search: ${r.queries} queries, ${Math.round(r.bytesPerQuery.median / 1024)} KB median and ${Math.round(r.bytesPerQuery.max / 1024)} KB max fetched per query (fresh page)`);
  for (const [kind, k] of Object.entries(r.byKind)) console.log(`  ${kind}: first ${k.first}/${k.total}, top 3 ${k.top3}/${k.total}, top 5 ${k.top5}/${k.total}${k.misses.length ? `; missed: ${k.misses.slice(0, 3).join('、')}` : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { set: { type: 'string' }, site: { type: 'string' }, samples: { type: 'string', default: '20' } } });
  if (!values.set || !values.site) {
    console.error('用法：node scripts/bench-search.ts --set 数据集文件夹 --site 构建输出文件夹 [--samples 20]');
    process.exit(2);
  }
  printSearchBench(values.site, await benchSearch(values.set, values.site, Number(values.samples)));
}
