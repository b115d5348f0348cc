/**
 * The record index in the built fixture sites: written by the build from the validated rows,
 * equal to what the module makes of them, every record's path a page of the site, and
 * searchable through the files as a browser fetches them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetInput } from '../../src/build/read-dataset.ts';
import { RECORD_INDEX_DIR, recordIndexInput } from '../../src/build/search/record-index.ts';
import { buildRecordIndex, searchRecords, type IndexLoader } from '../../src/lib/search/record-index.ts';
import { validateDataset } from '../../src/lib/validation/validate.ts';
import { listFiles } from '../helpers/html.ts';
import { readPagefindIndex } from '../helpers/pagefind-index.ts';
import { LIST_SECTIONS } from '../../src/lib/search/list-sections.ts';
import { BOTH_SITES, csvRows, FIXTURE_SITE } from '../helpers/sites.ts';

for (const site of BOTH_SITES) {
  describe(`the record index of ${site.name}`, () => {
    const dir = join(site.dir, RECORD_INDEX_DIR);
    const expected = buildRecordIndex(recordIndexInput(validateDataset(readDatasetInput({ dataDir: site.dataDir, contentDir: site.contentDir }))));

    it('is the index of the data set’s rows, file for file', () => {
      const written = listFiles(dir).filter((f) => !/\.(gz|br)$/.test(f));
      expect(written).toEqual([...expected.keys()].sort());
      for (const [file, text] of expected) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
    });

    const rows = [...expected].filter(([f]) => f.startsWith('records/')).flatMap(([, text]) => JSON.parse(text) as Array<[string, string, string, string]>);

    it('points every record at a page of the site, and every section at its heading', () => {
      const missing = rows
        .map((r) => r[3])
        .filter((path) => {
          const [page, anchor] = path.split('#') as [string, string | undefined];
          const file = join(site.dir, decodeURIComponent(page), 'index.html');
          return !existsSync(file) || (anchor !== undefined && !readFileSync(file, 'utf8').includes(`id="${anchor}"`));
        });
      expect(missing).toEqual([]);
      for (const s of LIST_SECTIONS) {
        const html = readFileSync(join(site.dir, s.page, 'index.html'), 'utf8');
        const heading = new RegExp(`<h2[^>]*id="${s.anchor}"[^>]*>([^<]*)`).exec(html)?.[1]?.trim();
        expect(heading?.startsWith(s.name), `${s.page}#${s.anchor}: ${heading}`).toBe(true);
      }
    });

    it('finds each page through exactly one index: no record page in Pagefind, every record in the record index', () => {
      const inPagefind = [...readPagefindIndex(join(site.dir, 'pagefind')).pages.keys()];
      const recordPages = new Set(rows.filter((r) => r[0] !== 'section').map((r) => `/${decodeURIComponent(r[3])}`));
      expect(inPagefind.length).toBeGreaterThan(0);
      expect(inPagefind.filter((url) => recordPages.has(decodeURI(url)))).toEqual([]);
      // Nor the list pages, whose sections are in the record index.
      expect(inPagefind.filter((url) => LIST_SECTIONS.some((s) => url === `/${s.page}`))).toEqual([]);
      const keys = (type: string) => rows.filter((r) => r[0] === type).map((r) => r[1]);
      expect(keys('problem').sort()).toEqual(
        csvRows(site, 'problems')
          .map((r) => r.id!)
          .sort(),
      );
      expect(keys('enterprise').sort()).toEqual(
        csvRows(site, 'enterprises')
          .map((r) => r.uscc!)
          .sort(),
      );
      expect(keys('village').sort()).toEqual(
        csvRows(site, 'villages')
          .map((r) => r.id!)
          .sort(),
      );
      // Prose stays: the plans section by section, indicators, explanatory pages.
      expect(inPagefind.some((url) => url.startsWith('/plan/'))).toBe(true);
      expect(inPagefind.some((url) => url.startsWith('/indicators/'))).toBe(true);
      expect(inPagefind).toContain('/methodology/');
    });
  });
}

describe('searching the fixture site’s record index through its files', () => {
  const asked: string[] = [];
  const load: IndexLoader = async (file) => {
    asked.push(file);
    return JSON.parse(readFileSync(join(FIXTURE_SITE.dir, RECORD_INDEX_DIR, file), 'utf8')) as unknown;
  };

  it('finds each enterprise by its name and each problem by its id, first', async () => {
    for (const e of csvRows(FIXTURE_SITE, 'enterprises')) expect((await searchRecords(e.name!, load)).results[0]?.record.key).toBe(e.uscc);
    for (const p of csvRows(FIXTURE_SITE, 'problems')) expect((await searchRecords(p.id!, load)).results[0]?.record.key).toBe(p.id);
    expect(asked).toContain('manifest.json');
  });
});
