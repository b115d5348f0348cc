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

    it('points every record at a page of the site', () => {
      const missing = [...expected]
        .filter(([f]) => f.startsWith('records/'))
        .flatMap(([, text]) => (JSON.parse(text) as Array<[string, string, string, string]>).map((r) => r[3]))
        .filter((path) => !existsSync(join(site.dir, decodeURIComponent(path), 'index.html')));
      expect(missing).toEqual([]);
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
