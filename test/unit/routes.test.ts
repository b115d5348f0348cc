import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUT_NAMES,
  COMMIT_ADDRESS,
  PUBLIC_FILES,
  reservedNames,
  routeClash,
  ROUTE_FILES,
  ROUTE_PARAMS,
  ROUTES,
  routeTemplate,
} from '../../src/lib/validation/routes.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { columnMetaOf } from '../../src/schemas/table.ts';
import { INDICATOR_PROGRESS } from '../../src/lib/indicator-progress.ts';
import { ROOT } from '../helpers/paths.ts';

const listing = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();

/**
 * The validator's list of routes is the folder itself: adding, renaming or removing a route
 * without updating src/lib/validation/routes.ts fails here, with the list to paste, so an id can never
 * take over a route the check does not know about.
 */
describe('the route list of the validator', () => {
  it('is exactly src/pages', () => {
    const actual = listing(join(ROOT, 'src/pages'));
    expect(actual, `src/lib/validation/routes.ts ROUTE_FILES should be:\n${actual.map((f) => `  '${f}',`).join('\n')}`).toEqual([...ROUTE_FILES]);
  });

  it('is exactly public/ for the files copied as they are', () => {
    expect(listing(join(ROOT, 'public'))).toEqual([...PUBLIC_FILES]);
  });

  it('says where the values of every route parameter come from, and lists no parameter that no route has', () => {
    const params = [...new Set(ROUTES.flatMap((t) => (t.param ? [t.param] : [])))].sort();
    expect(Object.keys(ROUTE_PARAMS).sort()).toEqual(params);
    // One parameter per route: routeClash substitutes one.
    for (const f of ROUTE_FILES) expect(f.match(/\[/g)?.length ?? 0, f).toBeLessThanOrEqual(1);
  });

  it('names a table and column that exist for every parameter filled from data', () => {
    for (const [param, s] of Object.entries(ROUTE_PARAMS)) {
      if (s.kind !== 'column') continue;
      const table = ALL_TABLES.find((t) => t.name === s.table);
      expect(table && columnMetaOf(table, s.column), param).toBeDefined();
      expect(table?.primaryKey, param).toContain(s.column);
    }
  });

  it('maps route files to the addresses Astro writes (directory format, trailing slash)', () => {
    expect(routeTemplate('indicators/[id]-excel.csv.ts')).toEqual({
      file: 'indicators/[id]-excel.csv.ts',
      url: '/indicators/[id]-excel.csv',
      param: 'indicators/[id]',
      folder: 'indicators',
    });
    expect(routeTemplate('indicators/[id]/chart.svg.ts').url).toBe('/indicators/[id]/chart.svg');
    expect(routeTemplate('villages/[id].astro').url).toBe('/villages/[id]/');
    expect(routeTemplate('data/index.astro')).toEqual({ file: 'data/index.astro', url: '/data/' });
    expect(routeTemplate('index.astro').url).toBe('/');
    expect(routeTemplate('404.astro').url).toBe('/404.html');
    expect(routeTemplate('[page].astro')).toEqual({ file: '[page].astro', url: '/[page]/', param: '[page]', folder: '' });
  });

  it('reserves the names each folder already uses, the public files and what the build writes at the top', () => {
    expect(reservedNames('indicators')).toEqual(['index', 'status']);
    expect(reservedNames('problems')).toEqual(['index', 'index.json', 'page']);
    expect(reservedNames('')).toEqual(expect.arrayContaining(['data', 'search', 'feed.xml', 'favicon.svg', 'pagefind', ...BUILD_OUTPUT_NAMES]));
  });
});

describe('routeClash', () => {
  it('refuses an id whose address is a more specific route’s, whether or not that record exists', () => {
    expect(routeClash('indicators/[id]', 'x-excel')).toEqual({
      kind: 'route',
      url: '/indicators/x-excel.csv',
      other: '/indicators/[id]-excel.csv',
      otherValue: 'x',
    });
    // x itself keeps its addresses: /indicators/x-excel.csv is the Excel form of x, not [id].csv of x-excel.
    expect(routeClash('indicators/[id]', 'x')).toBeUndefined();
    expect(routeClash('indicators/[id]', 'excel')).toBeUndefined();
    expect(routeClash('credit/period/[period]', '2019-excel')).toMatchObject({ kind: 'route', other: '/credit/period/[period]-excel.csv' });
  });

  it('refuses a name its folder already uses, in any letter case', () => {
    expect(routeClash('indicators/[id]', 'status')).toMatchObject({ kind: 'reserved', url: '/indicators/status/' });
    expect(routeClash('villages/[id]', 'index')).toMatchObject({ kind: 'reserved' });
    expect(routeClash('[page]', 'data')).toMatchObject({ kind: 'reserved', url: '/data/' });
    expect(routeClash('[page]', 'Search')).toMatchObject({ kind: 'reserved' });
    expect(routeClash('[page]', 'pagefind')).toMatchObject({ kind: 'reserved' });
    expect(routeClash('plan/[plan]', 'index')).toMatchObject({ kind: 'reserved' });
    expect(routeClash('[page]', 'about')).toBeUndefined();
  });

  it('refuses the names Windows reserves for devices', () => {
    for (const v of ['con', 'NUL', 'aux', 'prn', 'com1', 'lpt9']) expect(routeClash('villages/[id]', v), v).toMatchObject({ kind: 'device' });
    expect(routeClash('villages/[id]', 'console')).toBeUndefined();
  });

  it('lets the routes of one family share an address (a removed problem has the problems’ address)', () => {
    expect(routeClash('problems/[id]', 'GS-2017-001')).toBeUndefined();
    expect(routeClash('problems/[removedId]', 'GS-2017-001')).toBeUndefined();
    expect(routeClash('credit/[uscc]', '91110000600037341L')).toBeUndefined();
  });

  it('counts only values the other route can have', () => {
    expect(routeClash('indicators/[id]', 'x-excel', () => false)).toBeUndefined();
  });

  it('finds no clash for the values the code makes: table names', () => {
    for (const t of ALL_TABLES) {
      expect(routeClash('data/[table]', t.name), t.name).toBeUndefined();
      expect(routeClash('data/cite/[table]', t.name), t.name).toBeUndefined();
    }
    // Derived tables share data/[table] with the tables of data/ (src/data.ts publishedTables refuses two of one name).
    expect(routeClash('data/[table]', INDICATOR_PROGRESS.name)).toBeUndefined();
  });

  it("finds no clash for a commit's address: hex only, never a name /changes/ uses", () => {
    expect(reservedNames('changes')).toEqual(['index', 'page']);
    for (const name of reservedNames('changes')) expect(COMMIT_ADDRESS.test(name), name).toBe(false);
    for (const v of ['0123456789ab', 'abcdef1', 'f'.repeat(40)]) {
      expect(COMMIT_ADDRESS.test(v), v).toBe(true);
      expect(routeClash('changes/[commit]', v), v).toBeUndefined();
    }
    for (const v of ['abcdef', 'f'.repeat(41), 'ABCDEF1', '0123456789ag', '..', 'page']) expect(COMMIT_ADDRESS.test(v), v).toBe(false);
  });
});
