/**
 * Page weights of a built site: the JavaScript each page loads (its scripts and their static
 * imports, and separately what it may import later), the CSS, and the HTML, summarised per
 * page type. Used by the build's size report and by the budget tests. Pure: the caller passes
 * a function that reads built files.
 */
import { gzipSync } from 'node:zlib';

export type ReadFile = (path: string) => Buffer | undefined;

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w{}*\s,$]*?from\s*)?["'`](\.\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g;

function resolve(from: string, rel: string): string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  return dir + rel.slice(2);
}

export interface JsWeight {
  /** Files loaded when the page opens. */
  initial: string[];
  /** Files the page may import later (e.g. Chart.js when a chart is shown). */
  lazy: string[];
  initialGzip: number;
  lazyGzip: number;
}

export const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** JavaScript of one page, given the src of its <script> tags (site paths such as /_astro/x.js). */
export function jsWeight(scripts: readonly string[], read: ReadFile): JsWeight {
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const walk = (file: string, into: Set<string>) => {
    if (initial.has(file) || into.has(file)) return;
    const body = read(file);
    if (!body) return;
    into.add(file);
    const text = body.toString('utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) walk(resolve(file, m[1]!), into);
    for (const m of text.matchAll(DYNAMIC_IMPORT)) walk(resolve(file, m[1]!), lazy);
  };
  for (const s of scripts) walk(s, initial);
  for (const f of initial) lazy.delete(f);
  const sum = (files: Set<string>) => [...files].reduce((n, f) => n + gz(read(f) ?? Buffer.alloc(0)), 0);
  return { initial: [...initial], lazy: [...lazy], initialGzip: sum(initial), lazyGzip: sum(lazy) };
}

/** The page type of a built HTML file: its first folder, plus "/*" for pages below it. */
export function pageType(htmlPath: string): string {
  if (htmlPath === '404.html') return '404';
  const parts = htmlPath
    .replace(/(^|\/)index\.html$/, '')
    .split('/')
    .filter(Boolean);
  if (parts.length === 0) return '/';
  if (parts.length === 1) return `/${parts[0]}/`;
  return `/${parts[0]}/*`;
}

export interface TypeSummary {
  type: string;
  pages: number;
  htmlBytes: number;
  largestHtml: number;
  largestPage: string;
  jsInitialGzip: number;
  jsLazyGzip: number;
}

export function summarise(pages: ReadonlyArray<{ path: string; bytes: number; js: JsWeight }>): TypeSummary[] {
  const by = new Map<string, TypeSummary>();
  for (const p of pages) {
    const type = pageType(p.path);
    const s = by.get(type) ?? { type, pages: 0, htmlBytes: 0, largestHtml: 0, largestPage: '', jsInitialGzip: 0, jsLazyGzip: 0 };
    s.pages++;
    s.htmlBytes += p.bytes;
    if (p.bytes > s.largestHtml) {
      s.largestHtml = p.bytes;
      s.largestPage = p.path;
    }
    s.jsInitialGzip = Math.max(s.jsInitialGzip, p.js.initialGzip);
    s.jsLazyGzip = Math.max(s.jsLazyGzip, p.js.lazyGzip);
    by.set(type, s);
  }
  return [...by.values()].sort((a, b) => (a.type < b.type ? -1 : 1));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatReport(rows: readonly TypeSummary[], cssGzip: number, total: { files: number; bytes: number }): string {
  const head = ['页面类型', '页数', '最大 HTML', 'JS（打开时，gzip）', 'JS（按需，gzip）'];
  const lines = rows.map((r) => [r.type, String(r.pages), kb(r.largestHtml), kb(r.jsInitialGzip), kb(r.jsLazyGzip)]);
  const widths = head.map((h, i) => Math.max(h.length * 2, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    fmt(head),
    ...lines.map(fmt),
    `全部 CSS（gzip）${kb(cssGzip)}；dist/ 共 ${total.files} 个文件，${(total.bytes / 1024 / 1024).toFixed(1)} MB（不计压缩副本）`,
  ].join('\n');
}
