/** Prints a short per-page-type size report at the end of every build. */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { factsRecordFile, fileFacts } from '../build/file-facts.ts';
import { config } from '../build/config.ts';
import { outputFiles } from '../build/output-files.ts';
import { formatReport, gz, jsWeight, summarise, type JsWeight } from '../build/size-report.ts';

export function scriptsOf(html: string, base: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => `/${m[1]!.slice(base.length)}`);
}

/**
 * The sizes of a built site's pages and the JavaScript each loads. With `cacheFile` (incremental
 * builds), a page unchanged since the last report is not read again for its scripts
 * (src/build/file-facts.ts).
 */
export function siteSizes(dir: string, base: string, cacheFile?: string) {
  const files = outputFiles(dir).map((path) => ({ path, bytes: statSync(join(dir, path)).size }));
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
  const html = files.filter((f) => f.path.endsWith('.html'));
  const scripts = fileFacts(
    dir,
    html.map((f) => f.path),
    (text) => scriptsOf(text, base),
    `scripts of pages under ${base}`,
    cacheFile,
  );
  const pages = html.map((f) => ({ path: f.path, bytes: f.bytes, js: weigh(scripts.get(f.path)!) }));
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
        // Incremental builds keep what each page loads beside Astro's cache (which the deploy workflow keeps).
        const cache = factsRecordFile(config().incremental, config().astroCacheDir, 'page-scripts');
        const { pages, cssGzip, total } = siteSizes(fileURLToPath(dir), base, cache);
        logger.info(`页面大小（${Math.round(performance.now() - started)} 毫秒）：\n${formatReport(summarise(pages), cssGzip, total)}`);
      },
    },
  };
}
