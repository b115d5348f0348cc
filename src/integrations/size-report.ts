/** Prints a short per-page-type size report at the end of every build. */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { formatReport, gz, jsWeight, summarise } from '../lib/size-report.ts';

export function scriptsOf(html: string, base: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => `/${m[1]!.slice(base.length)}`);
}

export function siteSizes(dir: string, base: string) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  const read = (site: string) => {
    const p = join(dir, site.replace(/^\//, ''));
    return existsSync(p) ? readFileSync(p) : undefined;
  };
  const pages = files
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const html = readFileSync(join(dir, f));
      return { path: f, bytes: html.length, js: jsWeight(scriptsOf(html.toString('utf8'), base), read) };
    });
  const cssGzip = files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(readFileSync(join(dir, f))), 0);
  const bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
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
        const { pages, cssGzip, total } = siteSizes(fileURLToPath(dir), base);
        logger.info(`页面大小：\n${formatReport(summarise(pages), cssGzip, total)}`);
      },
    },
  };
}
