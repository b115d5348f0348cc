import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { REPO_URL } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { excelCell, excelColumn } from '../../src/lib/publishing/excel-csv.ts';
import { DATA_TABLES, DATA_TABLE_NAMES } from '../../src/schemas/index.ts';
import { columnMetaOf, columnNames, type AnyTable } from '../../src/schemas/table.ts';

for (const site of BOTH_SITES) {
  const source = (name: string) => readFileSync(join(site.dataDir, `${name}.csv`));
  const built = (path: string) => readFileSync(join(site.dir, path));
  const sampleFlag = new Map(csvRows(site, 'datasets').map((d) => [d.table!, d.sample === '是']));

  describe(`downloads of ${site.name}`, () => {
    for (const name of DATA_TABLE_NAMES) {
      it(`/data/${name}.csv is byte-identical to data/${name}.csv`, () => {
        expect(built(`data/${name}.csv`).equals(source(name))).toBe(true);
      });

      it(`/data/${name}-excel.csv opens in Excel: BOM, CRLF, same values apart from neutralised cells`, () => {
        const excel = built(`data/${name}-excel.csv`).toString('utf8');
        expect(excel.startsWith('\uFEFF')).toBe(true);
        const original = Papa.parse<string[]>(source(name).toString('utf8'), { skipEmptyLines: true }).data;
        const back = Papa.parse<string[]>(excel.slice(1), { skipEmptyLines: true });
        expect(back.meta.linebreak).toBe('\r\n');
        expect(back.data).toHaveLength(original.length);
        const header = original[0]!;
        const def: AnyTable = DATA_TABLES[name];
        back.data.forEach((row, r) => {
          expect(row).toHaveLength(header.length);
          row.forEach((cell, k) => {
            const was = original[r]![k]!;
            const kind = excelColumn(columnMetaOf(def, header[k]!)!.type);
            expect(cell).toBe(r === 0 ? was : excelCell(was, kind).text);
          });
        });
      });

      it(`/data/${name}.json has one typed record per row`, () => {
        const json = JSON.parse(built(`data/${name}.json`).toString('utf8')) as Array<Record<string, unknown>>;
        const rows = Papa.parse<Record<string, string>>(source(name).toString('utf8'), { header: true, skipEmptyLines: true }).data;
        expect(json).toHaveLength(rows.length);
        // Every record has every column (a table may have no rows yet, e.g. redactions.csv).
        for (const record of json) expect(Object.keys(record)).toEqual(columnNames(DATA_TABLES[name]));
      });
    }
  });

  describe(`datapackage.json of ${site.name}`, () => {
    const full = JSON.parse(built('data/datapackage.json').toString('utf8'));
    // The tables of data/; derived resources (computed at build time) are tested in indicator-progress.test.ts.
    const pkg = { ...full, resources: full.resources.filter((r: { derived?: boolean }) => !r.derived) };

    it('describes every table with its size, hash, schema, keys and licence', () => {
      expect(pkg.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
      expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual([...DATA_TABLE_NAMES]);
      for (const r of pkg.resources) {
        const bytes = source(r.name);
        expect(r.path).toBe(`${r.name}.csv`);
        expect(r.bytes).toBe(bytes.length);
        expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
        expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(columnNames(DATA_TABLES[r.name as keyof typeof DATA_TABLES]));
        expect(r.schema.primaryKey).toEqual([...DATA_TABLES[r.name as keyof typeof DATA_TABLES].primaryKey]);
        expect(r.licenses[0].name).toBe('CC-BY-4.0');
      }
      // The package's licence is the tables' (datasets.csv), with its address where one is given.
      const licences = new Map(
        csvRows(site, 'datasets').map((d) => [d.licence, d.licence_url ? { name: d.licence, path: d.licence_url } : { name: d.licence }]),
      );
      expect(pkg.licenses).toEqual([...licences.values()]);
    });

    it('carries constraints, enums, foreign keys and the sample flag', () => {
      const problems = pkg.resources.find((r: { name: string }) => r.name === 'problems');
      const status = problems.schema.fields.find((f: { name: string }) => f.name === 'status');
      expect(status.constraints).toEqual({ required: true, enum: ['待整改', '整改中', '已整改', '已销号'] });
      expect(problems.schema.fields.find((f: { name: string }) => f.name === 'categories')).toMatchObject({ type: 'list', delimiter: ';' });
      expect(problems.schema.foreignKeys).toContainEqual({ fields: ['village'], reference: { resource: 'villages', fields: ['id'] } });
      for (const r of pkg.resources) expect(r.sample, r.name).toBe(sampleFlag.get(r.name));
    });
  });

  describe(`the /data/ catalogue of ${site.name}`, () => {
    const doc = readHtml(site.dir, 'data/index.html');

    it('documents every dataset: title, row count, last change, columns with allowed values, downloads', () => {
      for (const name of DATA_TABLE_NAMES) {
        const section = doc.getElementById(name);
        expect(section, name).not.toBeNull();
        const rows = Papa.parse(source(name).toString('utf8'), { header: true, skipEmptyLines: true }).data.length;
        const meta = section!.querySelector('dl.meta')!.textContent;
        expect(meta).toContain(`行数${rows}`);
        expect(section!.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const documented = section!.querySelectorAll('tbody th code').map((c) => c.textContent);
        expect(documented).toEqual(columnNames(DATA_TABLES[name]));
        const links = section!.querySelectorAll('.downloads a').map((a) => a.getAttribute('href'));
        expect(links).toEqual([
          `/gushan/data/${name}.csv`,
          `/gushan/data/${name}-excel.csv`,
          `/gushan/data/${name}.json`,
          `${REPO_URL}/edit/main/data/${name}.csv`,
        ]);
      }
      const statusRow = doc
        .getElementById('problems')!
        .querySelectorAll('tbody tr')
        .find((tr) => tr.querySelector('code')?.textContent === 'status');
      expect(statusRow?.textContent).toContain('待整改、整改中、已整改、已销号');
    });

    it('marks the sample datasets, and only those', () => {
      const marked = DATA_TABLE_NAMES.filter((n) => doc.getElementById(n)?.querySelector('.notice')?.textContent.includes('示例数据'));
      expect(marked).toEqual(DATA_TABLE_NAMES.filter((n) => sampleFlag.get(n)));
    });
  });
}

describe('downloads of the fixture site', () => {
  const built = (path: string) => readFileSync(join(FIXTURE_SITE.dir, path));
  it('gives numbers and lists their JSON types', () => {
    const levels = JSON.parse(built('data/credit-levels.json').toString('utf8'));
    expect(levels.find((l: { rating: string }) => l.rating === '黑色')).toMatchObject({ electricity_surcharge: 0.1, sewage_surcharge: 1 });
    const problems = JSON.parse(built('data/problems.json').toString('utf8'));
    expect(problems.some((p: { categories: string[] }) => Array.isArray(p.categories) && p.categories.length > 1)).toBe(true);
  });
});
