/**
 * A spreadsheet's reading of the Excel-safe CSVs: LibreOffice Calc (apt libreoffice-calc-nogui,
 * installed by .ci/run) opens each -excel.csv as a journalist's spreadsheet would and saves it as
 * flat ODS, whose cell types we read. Text columns must come back as text (no year turned into a
 * number, no period code or text date into a date), number columns as numbers, and no cell may be
 * a formula other than the ="…" text literals we write on purpose.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../helpers/paths.ts';
import { BOTH_SITES } from '../helpers/sites.ts';
import { DATA_TABLES, DATA_TABLE_NAMES } from '../../src/schemas/index.ts';
import { columnMetaOf } from '../../src/schemas/table.ts';
import { toCsv } from '../../src/lib/publishing/downloads.ts';
import { pickedRowsExcelCsv, toExcelCsv, type ExcelColumn, type ExcelColumns } from '../../src/lib/publishing/excel-csv.ts';
import { EXCEL_CORPUS } from '../helpers/excel-corpus.ts';

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const missing = soffice.error !== undefined;

interface Cell {
  type: string;
  formula: string | undefined;
  text: string;
}

/** The cells of the first sheet of a flat ODS file, row by row. */
function readFods(xml: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const row of xml.match(/<table:table-row[\s\S]*?<\/table:table-row>/g) ?? []) {
    const cells: Cell[] = [];
    for (const m of row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = m[1] ?? '';
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const type = /office:value-type="([a-z]+)"/.exec(attrs)?.[1] ?? '';
      const formula = /table:formula="([^"]*)"/.exec(attrs)?.[1]?.replace(/&quot;/g, '"');
      const text = (m[2] ?? '').replace(/<[^>]+>/g, '').trim();
      for (let i = 0; i < Math.min(repeat, 64); i++) cells.push({ type, formula, text });
    }
    rows.push(cells);
  }
  return rows;
}

describe.skipIf(missing && !process.env.CI)('LibreOffice Calc reading the Excel-safe CSVs', () => {
  for (const site of BOTH_SITES) {
    it(`keeps one type per column and runs no formula, on ${site.name}`, () => {
      expect(soffice.error, 'LibreOffice is needed: apt-get install -y libreoffice-calc-nogui').toBeUndefined();
      const dir = join(OUTPUT, 'spreadsheet', site.name.replace(/\W+/g, '-'));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const t of DATA_TABLE_NAMES) writeFileSync(join(dir, `${t}.csv`), readFileSync(join(site.dir, `data/${t}-excel.csv`)));
      // 44 = comma, 34 = double quote, 76 = UTF-8, 1 = first line; formulas are evaluated, as in Excel.
      const r = spawnSync(
        'soffice',
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${dir}/profile`,
          '--infilter=CSV:44,34,76,1',
          '--convert-to',
          'fods',
          '--outdir',
          dir,
          ...DATA_TABLE_NAMES.map((t) => join(dir, `${t}.csv`)),
        ],
        { encoding: 'utf8', timeout: 170_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const wrong: string[] = [];
      let cells = 0;
      for (const t of DATA_TABLE_NAMES) {
        const [header, ...rows] = readFods(readFileSync(join(dir, `${t}.fods`), 'utf8'));
        const names = (header ?? []).map((c) => c.text);
        for (const [k, row] of rows.entries()) {
          row.slice(0, names.length).forEach((c, j) => {
            if (c.type === '') return; // an empty cell
            cells++;
            const col = names[j]!;
            const meta = columnMetaOf(DATA_TABLES[t], col)!;
            if (c.formula !== undefined && !/^of:="[^"]*"$/.test(c.formula)) wrong.push(`${t}.csv ${col} row ${k + 2}: formula ${c.formula}`);
            const want =
              meta.type === 'string' || meta.type === 'array'
                ? 'string'
                : meta.type === 'number' || meta.type === 'integer'
                  ? 'float'
                  : meta.type === 'date'
                    ? 'date'
                    : c.type;
            if (c.type !== want) wrong.push(`${t}.csv ${col} row ${k + 2}: “${c.text}” read as ${c.type}, not ${want}`);
          });
        }
      }
      expect(wrong).toEqual([]);
      expect(cells).toBeGreaterThan(100);
    });
  }
});

describe.skipIf(missing && !process.env.CI)('LibreOffice Calc reading the hostile corpus through the one Excel-safe encoder', () => {
  it('runs no formula but our text literals, keeps text as text, and plain numbers and dates as such', () => {
    expect(soffice.error, 'LibreOffice is needed: apt-get install -y libreoffice-calc-nogui').toBeUndefined();
    const dir = join(OUTPUT, 'spreadsheet', 'corpus');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // One row per case, the value in the column of its kind; written as "下载这些行" writes it (all rows picked).
    const kinds: ExcelColumn[] = ['text', 'number', 'date'];
    const source = toCsv(
      ['n', ...kinds],
      EXCEL_CORPUS.map(([value, kind], n) => ({ n: `r${n}`, [kind]: value })),
    );
    const columns: ExcelColumns = { text: 'text', number: 'number', date: 'date' };
    const csv = pickedRowsExcelCsv(source, columns, 'n', new Map(EXCEL_CORPUS.map((_, n) => [`r${n}`, n])));
    expect(csv).toBe(toExcelCsv(source, columns));
    writeFileSync(join(dir, 'corpus.csv'), csv);
    const r = spawnSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--infilter=CSV:44,34,76,1',
        '--convert-to',
        'fods',
        '--outdir',
        dir,
        join(dir, 'corpus.csv'),
      ],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const [, ...rows] = readFods(readFileSync(join(dir, 'corpus.fods'), 'utf8'));
    const wrong: string[] = [];
    EXCEL_CORPUS.forEach(([value, kind, written], n) => {
      const c = rows[n]?.[1 + kinds.indexOf(kind)];
      const what = `${JSON.stringify(value)} (${kind})`;
      if (!c) return void wrong.push(`${what}: no cell`);
      if (value === '') return void (c.type !== '' && wrong.push(`${what}: read as ${c.type}`));
      if (c.formula !== undefined && !/^of:="[^"]*"$/.test(c.formula)) wrong.push(`${what}: formula ${c.formula}`);
      const want = kind === 'number' && written === value ? 'float' : kind === 'date' && written === value ? 'date' : 'string';
      if (c.type !== want) wrong.push(`${what}: read as ${c.type}, not ${want}`);
      // What the reader sees (for values the flat ODS writes as plain text): the value, or the value after an apostrophe.
      const shown = c.text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
      if (want === 'string' && /^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(value) && shown !== value && shown !== `'${value}`) wrong.push(`${what}: shown as ${shown}`);
    });
    expect(wrong).toEqual([]);
  });
});
