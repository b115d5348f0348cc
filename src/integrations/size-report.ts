/** Prints a short per-page-type size report at the end of every build. */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { factsRecordFile, fileFacts } from '../build/file-facts.ts';
import { config } from '../build/config.ts';
import { outputFiles, outputStat } from '../build/output-files.ts';
import { formatReport, gz, jsWeight, summarise, type JsWeight } from '../build/size-report.ts';
import { addPageFeed, outputFileOf, removePageFeed, scriptSources, sharedSource, type PageFeed, type RenderedPage } from '../build/page-feed.ts';

/** The scripts a page loads, as paths of the site ('/_astro/x.js'), from their `src` as written. */
const sitePaths = (sources: readonly string[], base: string) => sources.map((s) => sharedSource(`/${s.slice(base.length)}`));

export function scriptsOf(html: string, base: string): string[] {
  return sitePaths(scriptSources(html), base);
}

/**
 * The sizes of a built site's pages and the JavaScript each loads. With `cacheFile` (incremental
 * builds), a page unchanged since the last report is not read again for its scripts
 * (src/build/file-facts.ts); nor is a page this build rendered, whose scripts `rendered` holds.
 */
export function siteSizes(dir: string, base: string, cacheFile?: string, rendered?: ReadonlyMap<string, RenderedPage>) {
  const files = outputFiles(dir).map((path) => ({ path, bytes: outputStat(dir, path).size }));
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
    rendered && new Map([...rendered].map(([file, page]) => [file, { bytes: page.bytes, fact: sitePaths(page.scripts, base) }])),
  );
  const pages = html.map((f) => ({ path: f.path, bytes: f.bytes, js: weigh(scripts.get(f.path)!) }));
  const cssGzip = files.filter((f) => f.path.endsWith('.css')).reduce((n, f) => n + gz(readFileSync(join(dir, f.path))), 0);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return { pages, cssGzip, total: { files: files.length, bytes } };
}

export default function sizeReport(): AstroIntegration {
  let base = '/';
  /** The pages this build rendered, with the scripts each loads (src/build/page-feed.ts). */
  const rendered = new Map<string, RenderedPage>();
  let feeding: PageFeed | undefined;
  return {
    name: 'gushan-size-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:start': () => {
        rendered.clear();
        feeding = (pathname, page) => {
          const file = outputFileOf(pathname, base);
          if (file !== undefined) rendered.set(file, page);
        };
        addPageFeed(feeding);
      },
      'astro:build:done': ({ dir, logger }) => {
        if (feeding) removePageFeed(feeding);
        feeding = undefined;
        const started = performance.now();
        // Incremental builds keep what each page loads beside Astro's cache (which the deploy workflow keeps).
        const cache = factsRecordFile(config().incremental, config().astroCacheDir, 'page-scripts');
        const { pages, cssGzip, total } = siteSizes(fileURLToPath(dir), base, cache, rendered);
        rendered.clear();
        logger.info(`页面大小（${Math.round(performance.now() - started)} 毫秒）：\n${formatReport(summarise(pages), cssGzip, total)}`);
      },
    },
  };
}
