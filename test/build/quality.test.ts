import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { listFiles, readHtml } from '../helpers/html.ts';
import { ROOT, SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows, planIds } from '../helpers/sites.ts';
import { siteSizes } from '../../src/integrations/size-report.ts';
import { pageType } from '../../src/build/size-report.ts';

const KB = 1024;

for (const site of BOTH_SITES) {
  const SITE_DIR = site.dir;
  const sizes = siteSizes(SITE_DIR, SITE_BASE);
  const page = (p: string) => sizes.pages.find((x) => x.path === p)!;

  describe(`budgets on ${site.name}`, () => {
    it('pages with no chart, filter or search in use load at most 2 KB of JavaScript (gzip)', () => {
      const quiet = sizes.pages.filter(
        (p) => !/^(indicators\/[^/]+\/index\.html|search\/|data\/check\/|problems\/|credit\/|villages\/)/.test(p.path) || /^indicators\/status\//.test(p.path),
      );
      expect(quiet.length).toBeGreaterThan(8);
      for (const p of quiet) expect(p.js.initialGzip, p.path).toBeLessThanOrEqual(2 * KB);
    });

    it('an indicator page loads at most 80 KB of JavaScript (gzip), Chart.js included', () => {
      for (const ind of csvRows(site, 'indicators')) {
        const p = page(`indicators/${ind.id}/index.html`);
        expect(
          p.js.lazy.some((f) => f.includes('chart-setup')),
          ind.id,
        ).toBe(true);
        expect(p.js.initialGzip + p.js.lazyGzip, ind.id).toBeLessThanOrEqual(80 * KB);
      }
    });

    // 20 KB until the phone layouts (cards for every wide table, #14) added about 1 KB; 24 KB until
    // the pages of the accountability work (/due/, rating schemes, sortable lists, the change log's
    // verdicts) added their own styles, each loaded only by its pages; 28 KB leaves room.
    it('all CSS together is at most 28 KB (gzip)', () => {
      expect(sizes.cssGzip).toBeLessThanOrEqual(28 * KB);
    });

    it('the plan page HTML is at most 150 KB and every list page at most 300 KB', () => {
      for (const id of planIds(site)) expect(page(`plan/${id}/index.html`).bytes, id).toBeLessThanOrEqual(150 * KB);
      for (const p of sizes.pages.filter(
        (x) => /^(indicators|problems|credit|villages|data|plan)\/(index\.html|page\/)/.test(x.path) || x.path.startsWith('indicators/status/'),
      )) {
        expect(p.bytes, p.path).toBeLessThanOrEqual(300 * KB);
      }
    });

    // Astro's scoped styles repeat a data-astro-cid-… attribute on every element of a component.
    // They were 20 % of all HTML at L (3.2 of an enterprise page's 14 KB) and a quarter of the home
    // page; these pages' styles are global ones under a class of their own.
    it('the home page, indicator pages and the pages made one per row (enterprises, problems, villages) carry no scoped-style attributes', () => {
      const perRow = [
        'index.html',
        ...csvRows(site, 'indicators').map((i) => `indicators/${i.id}/index.html`),
        ...csvRows(site, 'enterprises').map((e) => `credit/${e.uscc}/index.html`),
        ...csvRows(site, 'problems').map((p) => `problems/${p.id}/index.html`),
        ...csvRows(site, 'villages').map((v) => `villages/${v.id}/index.html`),
      ];
      expect(perRow.length).toBeGreaterThan(10);
      for (const p of perRow) expect(readFileSync(join(SITE_DIR, p), 'utf8').match(/data-astro-cid-\w+/g) ?? [], p).toEqual([]);
    });

    it('classifies pages by type for the build report', () => {
      expect(pageType('index.html')).toBe('/');
      expect(pageType('404.html')).toBe('404');
      expect(pageType('plan/index.html')).toBe('/plan/');
      expect(pageType('plan/gushan-2017/index.html')).toBe('/plan/*');
    });
  });

  describe(`link integrity on ${site.name}`, () => {
    const files = new Set(listFiles(SITE_DIR));
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file))
        ids.set(
          file,
          new Set(
            readHtml(SITE_DIR, file)
              .querySelectorAll('[id]')
              .map((e) => e.id),
          ),
        );
      return ids.get(file)!;
    };

    it('every internal link and #anchor resolves, on every page', () => {
      const broken: string[] = [];
      for (const p of [...files].filter((f) => f.endsWith('.html'))) {
        const doc = readHtml(SITE_DIR, p);
        for (const a of doc.querySelectorAll('a[href]')) {
          const raw = a.getAttribute('href')!;
          if (/^(https?:|mailto:)/.test(raw)) continue;
          const url = new URL(raw, `https://x${SITE_BASE}${p}`);
          let rel = decodeURIComponent(url.pathname.slice(SITE_BASE.length));
          if (rel === '' || rel.endsWith('/')) rel += 'index.html';
          if (!files.has(rel)) {
            broken.push(`${p}: ${raw}`);
            continue;
          }
          const hash = decodeURIComponent(url.hash.slice(1));
          if (hash && rel.endsWith('.html') && !idsOf(rel).has(hash)) broken.push(`${p}: ${raw} (no #${hash})`);
        }
      }
      expect(broken).toEqual([]);
    });
  });

  describe(`valid HTML on ${site.name}`, () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const types = new Map<string, string>();
    for (const p of [...listFiles(SITE_DIR)].filter((f) => f.endsWith('.html'))) {
      const t = pageType(p);
      if (!types.has(t)) types.set(t, p);
    }

    for (const p of types.values()) {
      it(`${p} passes html-validate with the project's rules`, async () => {
        const report = await validator.validateString(readFileSync(join(SITE_DIR, p), 'utf8'), join(ROOT, '.htmlvalidate.json'));
        const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
        expect(messages).toEqual([]);
      });
    }
  });
}
