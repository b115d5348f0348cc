/** Prints a short per-page-type size report at the end of every build. */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { config } from '../build/config.ts';
import { outputFiles } from '../build/output-files.ts';
import { formatReport, gz, jsWeight, summarise, type JsWeight } from '../build/size-report.ts';

export function scriptsOf(html: string, base: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => `/${m[1]!.slice(base.length)}`);
}

/** What an earlier build's report read from each page: its size and modification time then, and the scripts it loads. */
interface ScriptsCache {
  version: 1;
  base: string;
  pages: Record<string, [size: number, mtimeNs: string, scripts: string[]]>;
}

function readScriptsCache(file: string, base: string): ScriptsCache['pages'] {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ScriptsCache;
    return c.version === 1 && c.base === base && c.pages && typeof c.pages === 'object' ? c.pages : {};
  } catch {
    return {};
  }
}

/**
 * The sizes of a built site's pages and the JavaScript each loads. With `cacheFile` (incremental
 * builds), a page whose size and modification time are those the file records is not read again
 * for its scripts, as the compressed copies trust them (src/build/hosting/compress.ts): an
 * incremental build keeps most pages, and reading every one was most of this report's time.
 */
export function siteSizes(dir: string, base: string, cacheFile?: string) {
  const files = outputFiles(dir).map((path) => {
    const st = statSync(join(dir, path), { bigint: true });
    return { path, bytes: Number(st.size), mtimeNs: String(st.mtimeNs) };
  });
  const read = (site: string) => {
    const p = join(dir, site.replace(/^\//, ''));
    return existsSync(p) ? readFileSync(p) : undefined;
  };
  // Pages of one type load the same scripts: weigh each set of scripts once, not once per page.
  const weights = new Map<string, JsWeight>();
  const weigh = (scripts: string[]) => {
    const key = scripts.join('\n');
    let w = weights.get(key);
    if (!w) weights.set(key, (w = jsWeight(scripts, read)));
    return w;
  };
  const before = cacheFile ? readScriptsCache(cacheFile, base) : {};
  const after: ScriptsCache['pages'] = {};
  const pages = files
    .filter((f) => f.path.endsWith('.html'))
    .map((f) => {
      const known = before[f.path];
      const scripts =
        known && known[0] === f.bytes && known[1] === f.mtimeNs && Array.isArray(known[2])
          ? known[2]
          : scriptsOf(readFileSync(join(dir, f.path), 'utf8'), base);
      after[f.path] = [f.bytes, f.mtimeNs, scripts];
      return { path: f.path, bytes: f.bytes, js: weigh(scripts) };
    });
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ version: 1, base, pages: after } satisfies ScriptsCache));
  }
  const cssGzip = files.filter((f) => f.path.endsWith('.css')).reduce((n, f) => n + gz(readFileSync(join(dir, f.path))), 0);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { pages, cssGzip, total: { files: files.length, bytes } };
}

export default function sizeReport(): AstroIntegration {
  let base = '/';
  return {
    name: 'gushan-size-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        // Incremental builds keep what each page loads beside Astro's cache (kept by the deploy workflow with it).
        const cache = config().incremental ? join(config().astroCacheDir, 'gushan-size-report.json') : undefined;
        const { pages, cssGzip, total } = siteSizes(fileURLToPath(dir), base, cache);
        logger.info(`页面大小（${Math.round(performance.now() - started)} 毫秒）：\n${formatReport(summarise(pages), cssGzip, total)}`);
      },
    },
  };
}
