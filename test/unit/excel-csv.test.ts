/**
 * The one Excel-safe encoder (src/lib/publishing/excel-csv.ts): a hostile corpus, a property over arbitrary
 * cells read back as a spreadsheet unquotes them, and a check that every server -excel.csv and
 * every browser download goes through it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  encodeExcelCsv,
  excelCell,
  excelCsvPieces,
  excelColumn,
  pickedRowsExcelCsv,
  toExcelCsv,
  type ExcelColumn,
  type ExcelColumns,
} from '../../src/lib/publishing/excel-csv.ts';
import { CREDIT_PERIOD } from '../../src/lib/credit-period.ts';
import { csvTextPieces, parseCsv, recordTexts } from '../../src/lib/validation/csv.ts';
import { column, excelKinds } from '../../src/lib/publishing/published.ts';
import { dropLeading, EXCEL_CORPUS, FORMULA_PREFIXES, PLAIN_NUMBER, TEXT_LITERAL } from '../helpers/excel-corpus.ts';
import { ROOT } from '../helpers/paths.ts';

const KINDS: readonly ExcelColumn[] = ['text', 'number', 'date'];

/** Reads one encoded file back as a spreadsheet unquotes it (RFC 4180), without the BOM. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const r = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', delimiter: ',' });
  expect(r.errors).toEqual([]);
  // The file ends with CRLF, which PapaParse reads as one empty last row.
  expect(r.data.at(-1)).toEqual(['']);
  return r.data.slice(0, -1);
}

describe('Excel-safe cells: the hostile corpus', () => {
  const cases = EXCEL_CORPUS;
  for (const [value, column, want] of cases) {
    it(`${JSON.stringify(value).slice(0, 40)} in a ${column} column → ${JSON.stringify(want).slice(0, 40)}`, () => {
      expect(excelCell(value, column).text).toBe(want);
    });
  }

  it('reads back, through CSV quoting, to the cells above, one record per row', () => {
    const header = cases.map((_, i) => `c${i}`);
    const columns: ExcelColumns = Object.fromEntries(cases.map(([, kind], i) => [`c${i}`, kind]));
    const [h, row, ...rest] = readBack(encodeExcelCsv(header, [cases.map(([v]) => v)], columns));
    expect(rest).toEqual([]);
    expect(h).toEqual(header);
    expect(row).toEqual(cases.map(([, , want]) => want));
  });
});

describe('Excel-safe cells: any cell', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      ...FORMULA_PREFIXES,
      '\t',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\u00A0',
      '\u3000',
      '\u2028',
      '\u2029',
      '\u000B',
      '\u0000',
      '\u200B',
      '\uFEFF',
      '\u0301',
      '"',
      ',',
      "'",
      '0',
      '1',
      '.',
      'E',
      'H',
      '年',
      '东',
      'cmd|',
      '!A0',
    ),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  const cell = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

  it('never starts with a formula prefix once a spreadsheet has unquoted it and dropped what it skips, and keeps the value', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), (value, kind, other) => {
        const rows = readBack(encodeExcelCsv(['a', 'b'], [[value, value]], { a: kind, b: other }));
        expect(rows).toHaveLength(2);
        for (const [k, out] of rows[1]!.entries()) {
          const column = k === 0 ? kind : other;
          const safe =
            !FORMULA_PREFIXES.some((p) => dropLeading(out).startsWith(p)) || (PLAIN_NUMBER.test(out) && column === 'number') || TEXT_LITERAL.test(out);
          expect(safe, JSON.stringify(out)).toBe(true);
          // The reader sees the value: as it is, after an apostrophe, or as a literal holding exactly it (which cannot be broken out of).
          expect([value, `'${value}`, `="${value}"`], JSON.stringify(out)).toContain(out);
          if (TEXT_LITERAL.test(out)) expect(TEXT_LITERAL.exec(out)![1]).toBe(value);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps exactly the plain numbers of a number column as numbers; anything else a spreadsheet would read as a number is text', () => {
    const numberLike = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.stringMatching(/^[ (+-]?[$¥]?[0-9]{1,20}([.,][0-9]{1,4})?([eE][+-]?[0-9]{1,3})?%?\)?$/),
    );
    fc.assert(
      fc.property(numberLike, (value) => {
        const { text } = excelCell(value, 'number');
        if (/^-?[0-9]+(\.[0-9]+)?$/.test(value)) expect(text).toBe(value);
        else expect(text === `="${value}"` || text === `'${value}`, `${value} → ${text}`).toBe(true);
      }),
    );
  });
});

describe('Excel-safe cells: the first character', () => {
  it('is read as the regular expressions read it, for every UTF-16 code unit (the shortcut for plain starts changes no cell)', () => {
    // The encoder's rule written out with its regular expressions alone, as it was before the shortcut.
    const IGNORABLE = /^[\s\p{Z}\p{C}\p{M}\p{Default_Ignorable_Code_Point}]+/u;
    const PREFIX = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      for (const rest of ['=1', '1', 'x']) {
        const value = String.fromCharCode(c) + rest;
        const formula = (/^[\t\r\n]/.test(value) || PREFIX.test(value.replace(IGNORABLE, ''))) && !PLAIN_NUMBER.test(value);
        if ((excelCell(value, 'text').kind === 'neutralised') !== formula) differ.push(`U+${c.toString(16).padStart(4, '0')}${rest}`);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('one encoder for the server and the browser', () => {
  const SOURCE = [
    'id,title,score,code,date,note',
    'a,=HYPERLINK("http://x"),-3,913202810000000001,2019-01-02,+1 point',
    'b,"comma, and ""quote""",5,0123,,@SUM(A1)',
    'c,"line\nbreak",-1.5,91320281MA1E2E3E4E,2019-01-03,"x\u2028=1"',
    'd,"\u2028=cmd|\' /C calc\'!A0",,2019-H1,2019-01,\ttab',
    '',
  ].join('\n');
  const COLUMNS = excelKinds({
    columns: (
      [
        { name: 'id', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'score', type: 'number' },
        { name: 'code', type: 'string' },
        { name: 'date', type: 'date' },
        { name: 'note', type: 'string' },
      ] as const
    ).map((c) => column({ ...c, title: c.name, description: '' })),
  });

  it('maps Table Schema types to column kinds', () => {
    expect(COLUMNS).toEqual({ id: 'text', title: 'text', score: 'number', code: 'text', date: 'date', note: 'text' });
    expect((['integer', 'boolean', 'array', undefined] as const).map((t) => excelColumn(t))).toEqual(['number', 'text', 'text', 'text']);
  });

  it('re-encodes a table: BOM, CRLF, every cell through excelCell', () => {
    expect(toExcelCsv(SOURCE, COLUMNS)).toBe(
      '\uFEFFid,title,score,code,date,note\r\n' +
        '="a",\'=HYPERLINK("http://x"),-3,="913202810000000001",2019-01-02,\'+1 point\r\n'
          .replace('\'=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"')
          .replace('="913202810000000001"', '"=""913202810000000001"""')
          .replace('="a"', 'a') +
        'b,"comma, and ""quote""",5,"=""0123""",,\'@SUM(A1)\r\n' +
        'c,"line\nbreak",-1.5,"=""91320281MA1E2E3E4E""",2019-01-03,"x\u2028=1"\r\n' +
        'd,"\'\u2028=cmd|\' /C calc\'!A0",,"=""2019-H1""","=""2019-01""",\'\ttab\r\n',
    );
  });

  it('"下载这些行" writes the picked rows, in the page’s order, exactly as the server’s file writes them', () => {
    const server = toExcelCsv(SOURCE, COLUMNS).split('\r\n');
    const order = new Map([
      ['d', 0],
      ['a', 1],
      ['zz', 2],
    ]);
    const picked = pickedRowsExcelCsv(SOURCE, COLUMNS, 'id', order).split('\r\n');
    expect(picked).toEqual([server[0], server[4], server[1], '']);
    // With a BOM and CRLF in the source (an Excel re-save) the result is the same.
    expect(pickedRowsExcelCsv(`\uFEFF${SOURCE.replace(/\n/g, '\r\n')}`, COLUMNS, 'id', order).split('\r\n')).toEqual(picked);
  });

  it('a column kind that is not one (from a page attribute) is text, also for names such as constructor', () => {
    const kinds = JSON.parse('{"a":"number","b":"formula","constructor":"number"}') as ExcelColumns;
    expect(encodeExcelCsv(['a', 'b', 'constructor', 'toString'], [['-1', '-1', '1', '2']], kinds)).toBe(
      '\uFEFFa,b,constructor,toString\r\n-1,"=""-1""",1,"=""2"""\r\n',
    );
  });

  it('the credit period’s columns take their kinds from the schemas: the score a number, the publication date a date, the rest text', () => {
    expect(excelKinds(CREDIT_PERIOD)).toEqual({
      period: 'text',
      uscc: 'text',
      name: 'text',
      industry: 'text',
      village: 'text',
      village_name: 'text',
      rating: 'text',
      score: 'number',
      reason: 'text',
      published: 'date',
      publisher: 'text',
      source_url: 'text',
    });
  });

  /** Source files under a folder, recursively. */
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => relative(ROOT, join(e.parentPath, e.name)));
  const src = (f: string) => readFileSync(join(ROOT, f), 'utf8');

  it('every server -excel.csv endpoint and download encodes a published table with excelCsvPieces from src/lib/publishing/excel-csv.ts', () => {
    const endpoints = files('src/pages').filter((f) => f.endsWith('-excel.csv.ts'));
    expect(endpoints.length).toBeGreaterThanOrEqual(3);
    // An endpoint encodes with excelCsv itself, or serves the file src/data.ts declares for its route (which the build writes).
    const declared = [...src('src/data.ts').matchAll(/'([\w/[\]-]+-excel\.csv)': \([^)]*\): DownloadContent => excelCsvContent\(/g)].map((m) => m[1]!);
    for (const f of endpoints) {
      const route = f.replace(/^src\/pages\//, '').replace(/\.ts$/, '');
      if (declared.includes(route)) {
        expect(src(f), f).toMatch(new RegExp(`(tableFile|periodFile)\\('${route.replace(/[[\]]/g, '\\$&')}'`));
        continue;
      }
      expect(src(f), f).toMatch(/import \{[^}]*\bexcelCsv\b[^}]*\} from '(\.\.\/)+lib\/publishing\/published\.ts';/);
      expect(src(f), f).toMatch(/\bexcelCsv\(/);
    }
    expect(declared.sort()).toEqual(['credit/period/[period]-excel.csv', 'data/[table]-excel.csv']);
    expect(src('src/lib/publishing/published.ts')).toMatch(/import \{[^}]*\bexcelCsvPieces\b[^}]*\} from '\.\/excel-csv\.ts';/);
    expect(src('src/lib/publishing/published.ts')).toMatch(/return excelCsvPieces\(t\.csv, excelKinds\(t\)\);/);
    // The declared files' content is written by downloadPieces (the dev server) or the build's thread, both with excelCsvPieces.
    expect(src('src/lib/publishing/published.ts')).toMatch(/return \{ kind: 'excel-csv', csv: t\.csv, columns: excelKinds\(t\) \};/);
    expect(src('src/lib/publishing/downloads.ts')).toMatch(/case 'excel-csv':\s+return excelCsvPieces\(content\.csv, content\.columns\);/);
    expect(src('src/build/downloads-worker.ts')).toMatch(/downloadPieces\(m\.content\)/);
  });

  it('every browser CSV download encodes with pickedRowsExcelCsv from src/lib/publishing/excel-csv.ts, with the server’s column kinds', () => {
    // The CSV checker's "下载修正后的文件" is the editor's own data file, corrected: it is written as data, not through this encoder.
    const scripts = files('src/scripts').filter((f) => /text\/csv/.test(src(f)) && f !== 'src/scripts/csv-checker.ts');
    expect(scripts.sort()).toEqual(['src/scripts/download-rows.ts']);
    expect(src('src/scripts/download-rows.ts')).toMatch(/\{ pickedRowsExcelCsv \}[\s\S]*?import\('\.\.\/lib\/publishing\/excel-csv\.ts'\)/);
    expect(src('src/scripts/download-rows.ts')).toMatch(/pickedRowsExcelCsv\(text, JSON\.parse\(host\.dataset\.excelColumns/);
    expect(src('src/scripts/problem-register.ts')).toMatch(/downloadRows\(this, 'id', order,/);
    expect(src('src/scripts/credit-list.ts')).toMatch(/downloadRows\(this, 'uscc', order,/);
    // The pages hand over the kinds of the table the server's -excel.csv encodes.
    expect(src('src/views/ProblemsRegister.astro')).toMatch(/JSON\.stringify\(excelKinds\(publishedTable\('problems'\)\)\)/);
    expect(src('src/views/ProblemsRegister.astro')).toMatch(/data-excel-columns=\{problemExcelColumns\}/);
    // The period's download is declared by CREDIT_PERIOD (src/lib/credit-period.ts): its kinds are the declaration's.
    expect(src('src/views/CreditOverview.astro')).toMatch(/data-excel-columns=\{JSON\.stringify\(excelKinds\(CREDIT_PERIOD\)\)\}/);
    // No other formula escaping anywhere in src (PapaParse's escapeFormulae was the browser's old rule).
    const others = files('src').filter(
      (f) => /\.(ts|astro)$/.test(f) && f !== 'src/lib/publishing/excel-csv.ts' && /escapeFormulae|Papa\.unparse|unparse\(/.test(src(f)),
    );
    expect(others).toEqual([]);
  });

  it('the module runs in a browser: it imports nothing but the CSV reader and types', () => {
    const imports = [...src('src/lib/publishing/excel-csv.ts').matchAll(/^import (.*) from '([^']+)';$/gm)].map((m) => `${m[1]} from ${m[2]}`);
    expect(imports).toEqual([
      '{ csvTextPieces, parseCsv, recordCells, recordTexts } from ../validation/csv.ts',
      'type { FieldType } from ../../schemas/columns.ts',
    ]);
    // The CSV reader it uses may import other modules, but nothing of Node.
    expect(src('src/lib/validation/csv.ts')).not.toMatch(/from 'node:|require\(/);
  });
});

describe('the CSV for Excel of a large table', () => {
  // The former encoder: the whole text read into rows of cells at once.
  const whole = (text: string, columns: ExcelColumns) => {
    const rows = parseCsv(text.replace(/^\uFEFF/, '')).rows.map((r) => r.cells);
    return encodeExcelCsv(rows[0] ?? [], rows.slice(1), columns);
  };

  it('is written record by record as reading the whole text writes it, broken quotes and line ends included (property)', () => {
    const unit = fc.constantFrom('a', '1', '=1', ',', '"', '""', '\n', '\r\n', '\r', ' ', '东', '2019-06-30', '\ufeff');
    const text = fc.oneof(
      fc.string({ unit }),
      fc.string({ unit }).map((t) => `id,value,date\n${t}`),
      fc
        .array(fc.tuple(fc.string({ unit }), fc.string({ unit })), { maxLength: 6 })
        .map((rows) => `id,value\r\n${rows.map(([a, b]) => `"${a.replace(/"/g, '""')}",${b.replace(/[",\r\n]/g, '')}`).join('\r\n')}\r\n`),
    );
    const columns: ExcelColumns = { value: 'number', date: 'date' };
    fc.assert(
      fc.property(text, (t) => {
        expect(toExcelCsv(t, columns)).toBe(whole(t, columns));
      }),
      { numRuns: 1500 },
    );
    // A quote the whole reader takes for a runaway one: its recovery decides the rows.
    const runaway = 'id,value\na,"b\nc,d\ne",f\nx,y\n';
    expect(toExcelCsv(runaway, columns)).toBe(whole(runaway, columns));
  });
});

describe('the CSV for Excel of a file, read a piece at a time', () => {
  const unit = fc.constantFrom('a', '1', '=1', ',', '"', '""', '\n', '\r\n', '\r', ' ', '东', '𠀀', '2019-06-30', '\ufeff');
  const text = fc.oneof(
    fc.string({ unit }),
    fc.string({ unit }).map((t) => `\ufeffid,value,date\n${t}`),
    fc.string({ unit }).map((t) => `\ufeff\ufeffid,value\r\n${t}`),
    fc
      .array(fc.tuple(fc.string({ unit }), fc.string({ unit })), { maxLength: 8 })
      .map((rows) => `id,value\r\n${rows.map(([a, b]) => `"${a.replace(/"/g, '""')}",${b.replace(/[",\r\n]/g, '')}`).join('\r\n')}\r\n`),
  );
  const columns: ExcelColumns = { value: 'number', date: 'date' };
  const bytesOf = (t: string) => new TextEncoder().encode(t);
  const textOf = (pieces: Uint8Array[]) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(pieces));

  it('cuts the bytes only after a record: the pieces are the text, and their records are the text’s (property)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, size) => {
        const pieces = [...csvTextPieces(bytesOf(t), size)];
        const whole = new TextDecoder().decode(bytesOf(t));
        expect(pieces.join('')).toBe(whole);
        const records = recordTexts(whole);
        if (records === undefined) {
          expect(recordTexts(pieces.at(-1) ?? '')).toBeUndefined();
          return;
        }
        expect(pieces.flatMap((p) => recordTexts(p) ?? ['(undefined)'])).toEqual(records);
        for (const p of pieces.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
      }),
      { numRuns: 1500 },
    );
    // Pieces of about the size asked for: a record is never split, a short one never stands alone.
    const table = `id,value\n${Array.from({ length: 1000 }, (_, i) => `${i},${'东'.repeat(i % 7)}`).join('\n')}\n`;
    const pieces = [...csvTextPieces(bytesOf(table), 1000)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.length).toBeLessThan(20);
    expect(pieces.join('')).toBe(table);
  });

  it('writes the same bytes as the whole text’s CSV for Excel, at any piece size (property)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, size) => {
        const b = bytesOf(t);
        expect(textOf(excelCsvPieces(b, columns, size))).toBe(toExcelCsv(new TextDecoder().decode(b), columns));
      }),
      { numRuns: 1500 },
    );
    // Bytes that are not UTF-8 (a truncated character before a line break, a lone continuation byte, a GBK pair): each piece decodes as the whole does.
    const byte = fc.oneof(
      fc.constantFrom(0x22, 0x0a, 0x0d, 0x2c, 0x3d, 0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0x9c, 0x80, 0xc4, 0xe3),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 80 }), fc.integer({ min: 1, max: 20 }), (list, size) => {
        const b = Uint8Array.from(list);
        expect([...csvTextPieces(b, size)].join('')).toBe(new TextDecoder().decode(b));
        expect(textOf(excelCsvPieces(b, columns, size))).toBe(toExcelCsv(new TextDecoder().decode(b), columns));
      }),
      { numRuns: 1500 },
    );
    // A quote the whole reader takes for a runaway one, met in a later piece.
    const runaway = `id,value\n${'a,1\n'.repeat(50)}a,"b\nc,d\ne",f\nx,y\n`;
    const pieces = excelCsvPieces(bytesOf(runaway), columns, 8);
    expect(pieces).toHaveLength(1);
    expect(textOf(pieces)).toBe(toExcelCsv(runaway, columns));
    expect(textOf(excelCsvPieces(bytesOf(''), columns, 8))).toBe('\ufeff\r\n');
  });
});
