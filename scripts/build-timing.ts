/**
 * Where a build's time went, read from the output of `astro build`: the steps (data check,
 * pages, the search index after the last page, size report, Vite's bundling, the record index,
 * the compressed copies, the rest) and the pages by route, from Astro's per-page
 * "(+12ms)" lines. Used by `npm run bench`; tested in test/unit/build-timing.test.ts.
 */
import { stripVTControlCharacters } from 'node:util';
import { pageType } from '../src/build/size-report.ts';

export interface RouteTiming {
  route: string;
  pages: number;
  ms: number;
  /** The slowest page of the route. */
  maxMs: number;
  maxPage: string;
}

export interface BuildTiming {
  /** Named steps in seconds; `other` is the wall time none of them explains (start-up, Vite, sitemap…). */
  steps: Record<string, number>;
  routes: RouteTiming[];
}

/** Without the terminal's colour codes. */
const clean = (s: string) => stripVTControlCharacters(s);

/** Astro's "1m 15s", "24.51s", "891ms". */
export function astroDuration(s: string): number {
  let sec = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|m|s)\b/g)) sec += Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'm' ? 60 : 1);
  return sec;
}

/** The route a built file belongs to: /credit/* for credit/<uscc>/index.html, data/*.csv for data files. */
export function routeOf(path: string): string {
  const p = path.replace(/^\//, '');
  if (p.endsWith('.html')) return pageType(p);
  const dir = p.includes('/') ? p.slice(0, p.indexOf('/')) : '';
  const ext = /\.[a-z0-9]+$/i.exec(p)?.[0] ?? '';
  return dir ? `/${dir}/*${ext}` : `/${p}`;
}

export function buildTiming(output: string, wallSeconds: number): BuildTiming {
  const text = clean(output);
  const routes = new Map<string, RouteTiming>();
  for (const m of text.matchAll(/├─ (\S+) \(\+(\d+)ms\)/g)) {
    const route = routeOf(m[1]!);
    const ms = Number(m[2]);
    const r = routes.get(route) ?? { route, pages: 0, ms: 0, maxMs: 0, maxPage: '' };
    r.pages++;
    r.ms += ms;
    if (ms > r.maxMs) {
      r.maxMs = ms;
      r.maxPage = m[1]!;
    }
    routes.set(route, r);
  }
  const steps: Record<string, number> = {};
  const validate = /数据检查通过[^\n]*?（(\d+) 毫秒[）；]/.exec(text);
  if (validate) steps['data check'] = Number(validate[1]) / 1000;
  const pages = /generating static routes[\s\S]*?✓ Completed in (.+?)\.\s*$/m.exec(text);
  if (pages) steps.pages = astroDuration(pages[1]!);
  // Pagefind reads most pages while they are rendered (src/integrations/pagefind.ts); what it
  // logs is the time it adds after the last page: the rest of the pages, writing, compaction.
  const search = /建立搜索索引（页面生成后 (\d+) 毫秒/.exec(text);
  if (search) steps['search index after the pages'] = Number(search[1]) / 1000;
  const sizes = /页面大小（(\d+) 毫秒）/.exec(text);
  if (sizes) steps['size report'] = Number(sizes[1]) / 1000;
  const bundles = [...text.matchAll(/\[vite\] ✓ built in (\S+)/g)];
  if (bundles.length > 0) steps['bundling (Vite)'] = bundles.reduce((n, m) => n + astroDuration(m[1]!), 0);
  const records = /记录索引：[^\n]*（(\d+) 毫秒）/.exec(text);
  if (records) steps['record index'] = Number(records[1]) / 1000;
  // The tables' and periods' files, written on a thread of their own (src/build/downloads.ts): what the build waited for them
  // once the pages were written (a log before 2026-12-06 gave the whole step, written after the pages on the main thread).
  const downloads = /下载文件：写出[^\n]*（(?:[^（）\n]*页面生成后等待 )?(\d+) 毫秒）\s*$/m.exec(text);
  if (downloads) steps['downloads after the pages'] = Number(downloads[1]) / 1000;
  const copies = /压缩 \d+ 个文件[^\n]*；(\d+(?:\.\d+)?) s/.exec(text);
  if (copies) steps['compressed copies'] = Number(copies[1]);
  const named = Object.values(steps).reduce((a, b) => a + b, 0);
  steps.other = Math.max(0, wallSeconds - named);
  for (const k of Object.keys(steps)) steps[k] = Number(steps[k]!.toFixed(1));
  return { steps, routes: [...routes.values()].sort((a, b) => b.ms - a.ms) };
}

export function formatTiming(size: string, t: BuildTiming, top = 8): string {
  const steps = Object.entries(t.steps)
    .map(([k, v]) => `${k} ${v}s`)
    .join(', ');
  const total = t.routes.reduce((n, r) => n + r.ms, 0) || 1;
  const lines = t.routes
    .slice(0, top)
    .map(
      (r) =>
        `| ${r.route} | ${r.pages} | ${(r.ms / 1000).toFixed(1)} | ${Math.round((100 * r.ms) / total)} % | ${(r.ms / r.pages).toFixed(2)} | ${r.maxMs} (${r.maxPage}) |`,
    );
  return `${size} steps: ${steps}\n${size} pages by route (Astro's per-page times; pages are built several at a time, so the times overlap and add up to more than the pages step: read them as shares):\n| route | pages | s | share | ms per page | slowest ms |\n| --- | --- | --- | --- | --- | --- |\n${lines.join('\n')}`;
}
