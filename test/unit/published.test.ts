/**
 * Published tables (src/lib/publishing/published.ts): every format of a table — plain CSV, CSV
 * for Excel, JSON, its datapackage.json entry and the browser's "下载这些行" — comes from one
 * declaration, so they agree on the columns and on how each column is written.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CREDIT_PERIOD } from '../../src/lib/credit-period.ts';
import { INDICATOR_OBSERVATIONS, INDICATOR_PROGRESS } from '../../src/lib/indicator-progress.ts';
import { resource } from '../../src/lib/publishing/datapackage.ts';
import { pickedRowsExcelCsv } from '../../src/lib/publishing/excel-csv.ts';
import {
  column,
  derivedTable,
  excelCsv,
  excelKinds,
  jsonRecords,
  names,
  sourceTable,
  type DerivedTable,
  type PackageEntry,
  type PublishedTable,
} from '../../src/lib/publishing/published.ts';
import { DATA_TABLES } from '../../src/schemas/index.ts';
import { columnNames } from '../../src/schemas/table.ts';

/** The CSV for Excel and the JSON as the files hold them (the endpoints write their pieces in order). */
const excelText = (t: PublishedTable) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(excelCsv(t)));
const jsonText = (t: PublishedTable) => [...jsonRecords(t)].join('');
const csvText = (t: PublishedTable) => new TextDecoder().decode(t.csv);

const DECLARED: DerivedTable = {
  name: 'example',
  columns: [
    column({ name: 'code', title: '编号', description: '一个编号。', type: 'string' }),
    column({ name: 'amount', title: '数量', description: '一个数。', type: 'number' }),
    column({ name: 'day', title: '日期', description: '一天。', type: 'date' }),
    column({ name: 'note', title: '备注', description: '文字。', type: 'string' }),
  ],
  package: { kind: 'derived', title: '示例', description: '示例表。', primaryKey: ['code'], foreignKeys: [], sources: ['a.csv'] },
};
const RECORDS = [
  { code: '0012', amount: 3.5, day: '2019-01-02', note: '=1+1' },
  { code: 'A-1', amount: undefined, day: undefined, note: '逗号, 和 "引号"' },
];

/** Rows as a spreadsheet unquotes them, without a BOM. */
const rowsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const packaged = (t: PublishedTable) => t as PublishedTable & { package: PackageEntry };
const fieldNames = (t: PublishedTable) =>
  ((resource({ table: packaged(t), sha256: '0' }).schema as { fields: Array<{ name: string }> }).fields ?? []).map((f) => f.name);

describe('a derived table, declared once', () => {
  const t = derivedTable(DECLARED, RECORDS);

  it('has the same columns in its CSV header, its Excel CSV header, its JSON keys and its package fields', () => {
    const header = ['code', 'amount', 'day', 'note'];
    expect(names(t)).toEqual(header);
    expect(rowsOf(csvText(t))[0]).toEqual(header);
    expect(rowsOf(excelText(t))[0]).toEqual(header);
    for (const rec of JSON.parse(jsonText(t)) as object[]) expect(Object.keys(rec)).toEqual(header);
    expect(fieldNames(t)).toEqual(header);
  });

  it('writes the records alike in every format', () => {
    expect(rowsOf(csvText(t)).slice(1)).toEqual([
      ['0012', '3.5', '2019-01-02', '=1+1'],
      ['A-1', '', '', '逗号, 和 "引号"'],
    ]);
    expect(JSON.parse(jsonText(t))).toEqual([
      { code: '0012', amount: 3.5, day: '2019-01-02', note: '=1+1' },
      { code: 'A-1', amount: null, day: null, note: '逗号, 和 "引号"' },
    ]);
    const entry = resource({ table: packaged(t), sha256: 'ab' });
    expect(entry).toMatchObject({ name: 'example', path: 'example.csv', bytes: t.csv.length, hash: 'sha256:ab', rows: 2, derived: true });
  });

  it('protects its text columns in the CSV for Excel and leaves plain numbers and days as they are', () => {
    expect(excelKinds(t)).toEqual({ code: 'text', amount: 'number', day: 'date', note: 'text' });
    expect(rowsOf(excelText(t))[1]).toEqual(['="0012"', '3.5', '2019-01-02', "'=1+1"]);
    expect(excelText(t).startsWith('\uFEFF')).toBe(true);
  });

  it('gives the browser’s "下载这些行" the kinds the server’s Excel CSV is written with, so all rows read the same', () => {
    const order = new Map(RECORDS.map((r, i) => [r.code, i]));
    expect(pickedRowsExcelCsv(csvText(t), JSON.parse(JSON.stringify(excelKinds(t))), 'code', order)).toBe(excelText(t));
  });
});

describe('a table of data/', () => {
  const bytes = new TextEncoder().encode('\uFEFFid,name,kind\r\ndongcun,东村,村\r\n');
  const t = sourceTable(DATA_TABLES.villages, [{ id: 'dongcun', name: '东村', kind: '村' }], bytes, { meta: undefined, lastChange: undefined });

  it('publishes the file as git holds it, byte for byte', () => {
    expect(t.csv).toBe(bytes);
  });

  it('takes its columns from its schema, in every format', () => {
    const header = columnNames(DATA_TABLES.villages);
    expect(names(t)).toEqual(header);
    expect(rowsOf(excelText(t))[0]).toEqual(header);
    expect(Object.keys((JSON.parse(jsonText(t)) as object[])[0]!)).toEqual(header);
    expect(fieldNames(t)).toEqual(header);
    expect(rowsOf(excelText(t))[1]).toEqual(['dongcun', '东村', '村']);
  });
});

describe('the site’s derived tables', () => {
  it('each name every column once, with a title', () => {
    for (const d of [INDICATOR_PROGRESS, INDICATOR_OBSERVATIONS, CREDIT_PERIOD]) {
      expect(new Set(names(d)).size, d.name).toBe(d.columns.length);
      for (const c of d.columns) expect(c.title, `${d.name}.${c.name}`).not.toBe('');
    }
  });

  it('write a column they share alike: one indicator’s file as the scoreboard, observations as observations.csv', () => {
    const progress = excelKinds(INDICATOR_PROGRESS);
    for (const c of INDICATOR_OBSERVATIONS.columns) {
      if (c.name in progress) expect(c.excel, c.name).toBe(progress[c.name]);
    }
    expect(excelKinds(INDICATOR_OBSERVATIONS)).toMatchObject({ deadline: 'date', target: 'number', date: 'text', value: 'number' });
  });
});
