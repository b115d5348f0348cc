/** "如何引用" on every indicator, problem, enterprise and plan page, on /data/ and for each dataset. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { BUILD_DATE, SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE, planIds } from '../helpers/sites.ts';

const site = FIXTURE_SITE;
const origin = new URL(SITE_URL).origin;
const absolute = (path: string) => `${origin}${SITE_BASE}${path}`;

function citations(file: string, scope = '.how-to-cite') {
  const box = readHtml(site.dir, file).querySelector(scope);
  return { gbt: box?.querySelector('[data-cite=gbt]')?.textContent.trim() ?? '', apa: box?.querySelector('[data-cite=apa]')?.textContent.trim() ?? '', box };
}

describe('how to cite, on the fixture site', () => {
  const pages: Array<[string, string, 'DS' | 'EB']> = [
    ...csvRows(site, 'indicators').map((i) => [`indicators/${i.id}/index.html`, `indicators/${i.id}/`, 'DS'] as [string, string, 'DS']),
    ...csvRows(site, 'problems').map((p) => [`problems/${p.id}/index.html`, `problems/${p.id}/`, 'DS'] as [string, string, 'DS']),
    ...csvRows(site, 'enterprises').map((e) => [`credit/${e.uscc}/index.html`, `credit/${e.uscc}/`, 'DS'] as [string, string, 'DS']),
    ...planIds(site).map((id) => [`plan/${id}/index.html`, `plan/${id}/`, 'EB'] as [string, string, 'EB']),
    ['data/index.html', 'data/', 'DS'],
  ];

  it("gives a GB/T 7714-2015 and an APA citation naming the stable URL and where the reader's date of access goes", () => {
    for (const [file, path, kind] of pages) {
      const { gbt, apa, box } = citations(file);
      expect(box?.querySelector('h2')?.textContent, file).toBe('如何引用');
      expect(gbt, file).toContain(`[${kind}/OL]`);
      // The access date is the reader's (filled in by copy-cite); the page carries no date of its build.
      expect(gbt, file).toContain('[引用日期]');
      expect(gbt, file).not.toContain(`[${BUILD_DATE}]`);
      expect(gbt.endsWith(` ${absolute(path)}.`), file).toBe(true);
      expect(apa, file).toContain(absolute(path));
      // Copy buttons exist for both, hidden until JavaScript makes them work.
      expect(
        box!.querySelectorAll('button[data-copy-cite][hidden]').map((b) => b.getAttribute('data-copy-cite')),
        file,
      ).toEqual(['gbt', 'apa']);
    }
  });

  it('gives each dataset its citation and a CSL-JSON file with its stable URL', () => {
    for (const d of csvRows(site, 'datasets')) {
      const { gbt, box } = citations('data/index.html', `#${d.table} .how-to-cite`);
      expect(gbt, d.table).toContain('[DS/OL]');
      expect(gbt, d.table).toContain(absolute(`data/#${d.table}`));
      const csl = box!.querySelector('a[data-cite-csl]')!.getAttribute('href')!;
      expect(csl).toBe(`${SITE_BASE}data/cite/${d.table}.json`);
      const [item] = JSON.parse(readFileSync(join(site.dir, csl.slice(SITE_BASE.length)), 'utf8'));
      expect(item).toMatchObject({ type: 'dataset', URL: absolute(`data/#${d.table}`), accessed: { 'date-parts': [BUILD_DATE.split('-').map(Number)] } });
      expect(item.title).toContain(d.title);
    }
  });
});
