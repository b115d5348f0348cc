/**
 * The layout rules of README "Architecture", kept by a test: pages, views, components and
 * layouts get data only through src/data.ts, and build internal links and absolute URLs only
 * through src/lib/urls.ts; browser scripts never rebuild table markup or status icons.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = (dirs: string[]) => dirs.flatMap((d) => walk(join(ROOT, d))).filter((f) => /\.(astro|ts)$/.test(f));
const UI = files(['src/pages', 'src/views', 'src/components', 'src/layouts']);
const SCRIPTS = files(['src/scripts']);

function offenders(list: string[], pattern: RegExp): string[] {
  return list.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
}

describe('the layout of the code', () => {
  it('has pages and components that neither read files nor call the validator nor the content layer', () => {
    expect(UI.length).toBeGreaterThan(20);
    expect(offenders(UI, /from 'node:fs|from 'node:fs\/promises'|readFileSync|readFile\(/)).toEqual([]);
    expect(offenders(UI, /(read-dataset|validate|catalogue|data-history)\.ts'/)).toEqual([]);
    expect(offenders(UI, /getCollection\(/)).toEqual([]);
  });

  it('builds internal links only through src/lib/urls.ts', () => {
    // href() with a template string means a record URL written by hand.
    expect(offenders([...UI, ...SCRIPTS], /\bhref\(`/)).toEqual([]);
    expect(offenders(SCRIPTS, /\$\{base\}|dataset\.base/)).toEqual([]);
  });

  it('builds absolute URLs and knows the default site address only in src/lib/urls.ts', () => {
    const urls = join(ROOT, 'src/lib/urls.ts');
    const code = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'scripts')), join(ROOT, 'astro.config.mjs')].filter(
      (f) => /\.(astro|ts|mjs)$/.test(f) && f !== urls,
    );
    expect(code.length).toBeGreaterThan(50);
    // absoluteUrl(path, site) is the one way from a site link to an absolute URL.
    expect(offenders(code, /Astro\.site\s*(\?|&&)|new URL\([^)]*\bsite\b/)).toEqual([]);
    // The local origin is DEFAULT_SITE_URL, the base path's fallback siteLocation().
    expect(offenders(code, /localhost:4321/)).toEqual([]);
    // A problem's page is problemUrl(id), never a path written by hand.
    expect(
      offenders(
        code.filter((f) => f.startsWith(join(ROOT, 'src'))),
        /problems\/\$\{/,
      ),
    ).toEqual([]);
  });

  it('keeps display facts out of browser scripts: rows are cloned from server-rendered templates', () => {
    expect(SCRIPTS.length).toBeGreaterThan(3);
    expect(offenders(SCRIPTS, /['"](○|◐|●|✔)['"]|rating-(green|blue|yellow|red|black)|problem-(todo|doing|done|closed)/)).toEqual([]);
    expect(offenders(SCRIPTS, /createElement\('(tr|td|th)'\)/)).toEqual([]);
  });

  it("uses zod only where Astro parses with it: the pages' front matter, on the Node side", () => {
    const all = files(['src']);
    expect(all.length).toBeGreaterThan(100);
    expect(offenders(all, /from ['"](astro\/zod|zod)['"]/)).toEqual(['src/build/page-front-matter.ts']);
  });

  it('declares each enumeration once', () => {
    const src = files(['src'])
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const literal of [
      "'待整改', '整改中', '已整改', '已销号'",
      "'level', 'count', 'milestone'",
      "'已达标', '进度正常', '进度滞后', '未达标', '暂无数据'",
    ]) {
      expect(src.split(literal).length - 1, literal).toBe(1);
    }
    expect(src.match(/0-9A-HJ-NPQRTUWXY/g)?.length, 'USCC characters').toBe(1);
  });
});
