/**
 * Nothing is lost by a fix (issue 29, item 3): `npm run validate -- --fix` and the checker's
 * corrected download write back every record they read, in order, with only the listed cells
 * changed, each in place; a record the reader could not read stays exactly as written, and the
 * fixed file still fails on it. A corpus of hostile files says what each gets; property tests
 * say it for arbitrary files, broken quotes included.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID } from '../helpers/fixtures.ts';
import { checkFile, correctFile } from '../../src/lib/validation/check-file.ts';
import { excelColumn, parseCsv, type CsvParseResult } from '../../src/lib/validation/csv.ts';
import { fixTableText, type FixedFile } from '../../src/lib/validation/fixes.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import type { AnyTable } from '../../src/schemas/table.ts';

const villages = ALL_TABLES.find((t) => t.name === 'villages')! as AnyTable;
const published = new Map(ALL_TABLES.map((t) => [t.name, new Uint8Array(readFileSync(join(VALID, 'data', `${t.name}.csv`)))]));
/** The problems the validator finds in a villages.csv, as code:line (references from other tables are not its own). */
const issuesOf = (text: string) =>
  checkFile({ fileName: 'villages.csv', table: 'villages', bytes: new TextEncoder().encode(text), published, plans: [] }).issues.map(
    (i) => `${i.code}:${i.line}`,
  );
const H = 'id,name,kind';

interface Case {
  about: string;
  text: string;
  /** The fixed file, exactly. */
  out: string;
  changes: string[];
  /** Lines the fix left as written because they could not be read. */
  kept: number[];
  /** The validator's findings before and after the fix. */
  before: string[];
  after: string[];
}

const CORPUS: Case[] = [
  {
    about: 'unclosed quote in the last row (no line end)',
    text: `${H}\ndongcun,东村, 村\nxishequ,"西社区,社区`,
    out: 'id,name,kind\ndongcun,东村,村\nxishequ,"西社区,社区',
    changes: ['C2 “ 村” → “村”'],
    kept: [3],
    before: ['E040:2', 'E021:3'],
    after: ['E021:3'],
  },
  {
    about: 'unclosed quote in one row, a fixable cell in the next (the reported loss)',
    text: `${H}\ndongcun,"东村,村\nxishequ,西社区, 社区\nnanxiang,南巷村,村\n`,
    out: 'id,name,kind\ndongcun,"东村,村\nxishequ,西社区,社区\nnanxiang,南巷村,村\n',
    changes: ['C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E021:2', 'E040:3'],
    after: ['E021:2'],
  },
  {
    about: 'a quote in the middle of a cell, a fixable cell in the same and the next row',
    text: `${H}\ndongcun,东"村, 村\nxishequ,西社区, 社区\n`,
    out: 'id,name,kind\ndongcun,东"村, 村\nxishequ,西社区,社区\n',
    changes: ['C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E022:2', 'E040:3'],
    after: ['E022:2'],
  },
  {
    about: 'text after a closing quote',
    text: `${H}\ndongcun,"东村"镇, 村\nxishequ,西社区, 社区\n`,
    out: 'id,name,kind\ndongcun,"东村"镇, 村\nxishequ,西社区,社区\n',
    changes: ['C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E022:2', 'E040:3'],
    after: ['E022:2'],
  },
  {
    about: 'a stray opening quote closed fifteen lines later; a mistake in between',
    text: [
      H,
      'dongcun,"东村,村',
      ...Array.from({ length: 14 }, (_, k) => `v${k + 3},村${k + 3},${k + 3 === 9 ? '镇' : '村'}`),
      'huxin,"湖心, 村", 村',
      'beicun,北村,村',
      '',
    ].join('\n'),
    out: 'id,name,kind\ndongcun,"东村,村\nv3,村3,村\nv4,村4,村\nv5,村5,村\nv6,村6,村\nv7,村7,村\nv8,村8,村\nv9,村9,镇\nv10,村10,村\nv11,村11,村\nv12,村12,村\nv13,村13,村\nv14,村14,村\nv15,村15,村\nv16,村16,村\nhuxin,"湖心, 村",村\nbeicun,北村,村\n',
    changes: ['C17 “ 村” → “村”'],
    kept: [2],
    before: ['E021:2', 'E031:9', 'E040:17'],
    after: ['E021:2', 'E031:9'],
  },
  {
    about: 'CR-only line ends, a broken quote and fixable cells',
    text: `${H}\rdongcun,东村, 村\rxishequ,"西社区,社区\rnanxiang,南巷村, 村\r`,
    out: 'id,name,kind\rdongcun,东村,村\rxishequ,"西社区,社区\rnanxiang,南巷村,村\r',
    changes: ['C2 “ 村” → “村”', 'C4 “ 村” → “村”'],
    kept: [3],
    before: ['E040:2', 'E021:3', 'E040:4'],
    after: ['E021:3'],
  },
  {
    about: 'mixed CRLF and LF line ends',
    text: `${H}\r\ndongcun,东村, 村\nxishequ,西社区,社区\r\nnanxiang,南巷村, 村\n`,
    out: 'id,name,kind\r\ndongcun,东村,村\nxishequ,西社区,社区\r\nnanxiang,南巷村,村\n',
    changes: ['C2 “ 村” → “村”', 'C4 “ 村” → “村”'],
    kept: [],
    before: ['E040:2', 'E040:4'],
    after: [],
  },
  {
    about: 'BOM and a broken quote in the first data row',
    text: `\ufeff${H}\r\ndongcun,"东村,村\r\nxishequ,西社区, 社区\r\n`,
    out: 'id,name,kind\r\ndongcun,"东村,村\r\nxishequ,西社区,社区\r\n',
    changes: ['C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E021:2', 'E040:3'],
    after: ['E021:2'],
  },
  {
    about: 'quoted line breaks in a cell, a fixable cell after them in the same row',
    text: `${H}\ndongcun,"东\n村", 村\nxishequ,"西社区\r\n", 社区\n`,
    out: 'id,name,kind\ndongcun,"东\n村",村\nxishequ,"西社区",社区\n',
    changes: ['C2 “ 村” → “村”', 'B3 “西社区\r\n” → “西社区”', 'C3 “ 社区” → “社区”'],
    kept: [],
    before: ['E040:2', 'E040:4', 'E040:4'],
    after: [],
  },
  {
    about: 'blank rows in the middle and empty trailing lines',
    text: `${H}\n\ndongcun,东村, 村\n,,\nxishequ,西社区,社区\n\n\n`,
    out: 'id,name,kind\n\ndongcun,东村,村\n,,\nxishequ,西社区,社区\n\n\n',
    changes: ['C3 “ 村” → “村”'],
    kept: [],
    before: ['E040:3'],
    after: [],
  },
  {
    about: 'a quoted cell that only needs its spaces trimmed stays quoted',
    text: `${H}\ndongcun," 东村 ",村\nxishequ,"西,社区",社区\n`,
    out: 'id,name,kind\ndongcun,"东村",村\nxishequ,"西,社区",社区\n',
    changes: ['B2 “ 东村 ” → “东村”'],
    kept: [],
    before: ['E040:2'],
    after: [],
  },
  {
    about: 'a row with a cell too many is left alone',
    text: `${H}\ndongcun,东村, 村,多\nxishequ,西社区, 社区\n`,
    out: 'id,name,kind\ndongcun,东村, 村,多\nxishequ,西社区,社区\n',
    changes: ['C3 “ 社区” → “社区”'],
    kept: [],
    before: ['E020:2', 'E040:3'],
    after: ['E020:2'],
  },
  {
    about: 'tab-separated with a broken quote',
    text: `编号\t名称\t类型\ndongcun\t"东村\t村\nxishequ\t西社区\t 社区\nnanxiang\t南,巷村\t村\n`,
    out: 'id,name,kind\ndongcun\t"东村\t村\nxishequ,西社区,社区\nnanxiang,"南,巷村",村\n',
    changes: ['A1 “编号” → “id”', 'B1 “名称” → “name”', 'C1 “类型” → “kind”', 'C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E013:1', 'E014:1', 'E021:2', 'E040:3'],
    after: ['E022:2'],
  },
  {
    about: 'Chinese column titles with a broken quote',
    text: `编号,名称,类型\ndongcun,"东村,村\nxishequ,西社区, 社区\n`,
    out: 'id,name,kind\ndongcun,"东村,村\nxishequ,西社区,社区\n',
    changes: ['A1 “编号” → “id”', 'B1 “名称” → “name”', 'C1 “类型” → “kind”', 'C3 “ 社区” → “社区”'],
    kept: [2],
    before: ['E014:1', 'E021:2', 'E040:3'],
    after: ['E021:2'],
  },
  {
    about: 'an unclosed quote in the header: nothing is changed',
    text: `id,"name,kind\ndongcun,东村, 村\n`,
    out: 'id,"name,kind\ndongcun,东村, 村\n',
    changes: [],
    kept: [1],
    before: ['E021:1', 'E011:2', 'E011:2', 'E011:2', 'E010:2', 'E010:2', 'E010:2'],
    after: ['E021:1', 'E011:2', 'E011:2', 'E011:2', 'E010:2', 'E010:2', 'E010:2'],
  },
  {
    // Line 2's stray quote is closed by the quote that opens line 3's second cell (it is
    // followed by a space). Trimmed, that cell would start with a doubled quote, which would
    // no longer close it: the file would read differently, so the fix is not made.
    about: 'a fix inside a quoted cell that would make a broken quote close elsewhere is not made',
    text: `${H}\n"\r\n," \n"",dongcun\n",dongcun`,
    out: 'id,name,kind\n"\r\n," \n"",dongcun\n",dongcun',
    changes: [],
    kept: [2],
    before: ['E021:2', 'E030:3', 'E040:3', 'E031:3'],
    after: ['E021:2', 'E030:3', 'E040:3', 'E031:3'],
  },
];

describe('the fixer on hostile files', () => {
  for (const c of CORPUS) {
    it(c.about, () => {
      const f = fixTableText(villages, c.text);
      expect(f.text).toBe(c.out);
      expect(f.changes.map((x) => `${x.cell} “${x.from}” → “${x.to}”`)).toEqual(c.changes);
      expect(f.kept).toEqual(c.kept);
      expect(issuesOf(c.text)).toEqual(c.before);
      expect(issuesOf(f.text)).toEqual(c.after);
      // Every line the fix could not read is still reported after it.
      for (const line of c.kept)
        expect(
          c.after.some((a) => a.endsWith(`:${line}`)),
          `line ${line}`,
        ).toBe(true);
    });
  }

  it('the checker’s download is the same text, UTF-8 with a BOM, and lists the rows it kept as written', () => {
    const c = CORPUS.find((x) => x.about.startsWith('BOM and a broken quote'))!;
    const corrected = correctFile('villages', '村.csv', new TextEncoder().encode(c.text))!;
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(corrected.bytes)).toBe(`\ufeff${c.out}`);
    expect(corrected.kept).toEqual([2]);
  });

  it('re-encodes a GBK file as UTF-8 and keeps a row with a broken quote in it', () => {
    // "id,name,kind\ndongcun,"东村,村\nxishequ,西社区, 社区\n" in GB18030.
    const gbk = (s: string) => {
      const table: Record<string, number[]> = { 东: [0xb6, 0xab], 村: [0xb4, 0xe5], 西: [0xce, 0xf7], 社: [0xc9, 0xe7], 区: [0xc7, 0xf8] };
      return [...s].flatMap((ch) => table[ch] ?? [ch.charCodeAt(0)]);
    };
    const text = `${H}\ndongcun,"东村,村\nxishequ,西社区, 社区\n`;
    expect(new TextDecoder('gb18030').decode(new Uint8Array(gbk(text)))).toBe(text);
    const corrected = correctFile('villages', '村.csv', new Uint8Array(gbk(text)))!;
    expect(corrected.notes).toEqual(['编码由 GBK/GB18030 改为 UTF-8（带 BOM，Excel 可以直接打开）']);
    expect(new TextDecoder().decode(corrected.bytes)).toBe(text.replace(' 社区', '社区'));
    expect(corrected.kept).toEqual([2]);
  });
});

// ------------------------------------------------------------------------------ properties

const lineBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
/** Line breaks a fix took out of a cell (trimming "文字\n" inside quotes) before line `line` of the original. */
const removedBefore = (f: FixedFile, line: number) => f.changes.filter((c) => c.line < line).reduce((n, c) => n + lineBreaks(c.from) - lineBreaks(c.to), 0);
const columnIndex = (cell: string) => [...cell.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** The original with each listed cell replaced where it stands, quoted as it was (or where it must be). */
function spliced(text: string, f: FixedFile, read: CsvParseResult): string {
  let out = '';
  let at = 0;
  for (const c of [...f.changes].sort((a, b) => a.line - b.line || columnIndex(a.cell) - columnIndex(b.cell))) {
    const row = read.rows.find((r) => r.line === c.line)!;
    const [s, e] = row.spans![columnIndex(c.cell)]!;
    const quoted = text[s] === '"' || /[",\r\n]/.test(c.to);
    out += text.slice(at, s) + (quoted ? `"${c.to.replace(/"/g, '""')}"` : c.to);
    at = e;
  }
  return out + text.slice(at);
}

const CELLS = fc.oneof(
  // Values the villages table takes, values it can fix, values it cannot.
  fc.constantFrom('dongcun', 'DongCun', 'dong cun', '东村', ' 东村', '东村\u3000', '村', ' 村', '社', '社区 ', '镇', ''),
  // Quoting, right and wrong.
  fc.constantFrom('"东,村"', '" 村"', '"西\n社区"', '"西社区\r\n"', '"a""b"', '"x"y', '东"村', '"', '"\r\n', '""'),
  fc.string({ unit: fc.constantFrom('"', ',', ' ', 'a', '村', '\n', '\r'), maxLength: 6 }),
);
const FILES = fc.record({
  header: fc.constantFrom('id,name,kind', '编号,名称,类型', ' id,name ,kind', 'id,"name",kind', 'id,"name,kind', 'id,name,kind,'),
  rows: fc.array(fc.array(CELLS, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
  eol: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 13, maxLength: 13 }),
  last: fc.boolean(),
  bom: fc.boolean(),
});
const build = (x: { header: string; rows: string[][]; eol: string[]; last: boolean; bom: boolean }, delimiter = ',') =>
  (x.bom ? '\ufeff' : '') +
  [x.header.split(',').join(delimiter), ...x.rows.map((r) => r.join(delimiter))].map((l, k) => l + (k < x.rows.length || x.last ? x.eol[k]! : '')).join('');

describe('the fixer on arbitrary files', () => {
  it('changes only the listed cells, in place; keeps every record, in order; and the records it could not read fail as before', () => {
    fc.assert(
      fc.property(FILES, (x) => {
        const text = build(x);
        const body = text.replace(/^\ufeff/, '');
        const f = fixTableText(villages, text);
        const before = parseCsv(body, ',', { spans: true });
        const after = parseCsv(f.text);
        // Every byte outside the listed cells is the original's.
        expect(f.text).toBe(spliced(body, f, before));
        // The same records, in the same order, with the same cells but the listed ones.
        const changed = new Map(f.changes.map((c) => [`${c.line}:${columnIndex(c.cell)}`, c.to]));
        expect(after.rows.map((r) => r.excelRow)).toEqual(before.rows.map((r) => r.excelRow));
        expect(after.blank.map((r) => r.excelRow)).toEqual(before.blank.map((r) => r.excelRow));
        expect(after.rows.map((r) => r.cells)).toEqual(before.rows.map((r) => r.cells.map((v, k) => changed.get(`${r.line}:${k}`) ?? v)));
        expect(after.rows.map((r) => r.line)).toEqual(before.rows.map((r) => r.line - removedBefore(f, r.line)));
        // Lines are lost only where a listed change took a line break out of a cell.
        expect(lineBreaks(f.text)).toBe(lineBreaks(body) - removedBefore(f, Infinity));
        // What could not be read is reported at the same place as before, as the same mistake
        // (where a runaway quote closes, and so what follows it there, may change with a fix).
        const key = (p: CsvParseResult, shift: (l: number) => number) =>
          p.issues.map((i) => ({ line: shift(i.line), row: shift(i.row), kind: i.kind, cell: i.cell }));
        expect(key(after, (l) => l)).toEqual(key(before, (l) => l - removedBefore(f, l)));
        expect(f.kept).toEqual([...new Set(before.issues.map((i) => i.line))].sort((a, b) => a - b));
        // Fixing the fixed file again changes nothing.
        expect(fixTableText(villages, f.text).text).toBe(f.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('after the fix the validator still fails on every line it could not read', () => {
    fc.assert(
      fc.property(FILES, (x) => {
        const text = build(x);
        const f = fixTableText(villages, text);
        fc.pre(f.kept.length > 0);
        const after = issuesOf(f.text);
        for (const line of f.kept)
          expect(after, `line ${line}`).toContain(after.find((a) => /^E02[12]:/.test(a) && a.endsWith(`:${line - removedBefore(f, line)}`)));
        expect(after.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('turns a tab-separated file into a comma-separated one without changing a cell but the listed ones', () => {
    const TAB_CELLS = fc.oneof(
      fc.constantFrom('dongcun', 'DongCun', '东村', ' 东村', '村', ' 村', '社', '镇', '', '东,村', '"东\t村"', '"a""b"', '"西\n社区"'),
      fc.string({ unit: fc.constantFrom(',', ' ', 'a', '村', ';'), maxLength: 5 }),
    );
    fc.assert(
      fc.property(FILES, fc.array(fc.array(TAB_CELLS, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (x, rows) => {
        const text = build({ ...x, header: x.header.includes('"') ? '编号,名称,类型' : x.header, rows }, '\t');
        const f = fixTableText(villages, text);
        const before = parseCsv(text.replace(/^\ufeff/, ''), '\t');
        fc.pre(f.delimiter === '\t' && before.issues.length === 0);
        const after = parseCsv(f.text, ',');
        expect(f.commas).toBe(true);
        expect(after.issues).toEqual([]);
        const changed = new Map(f.changes.map((c) => [`${c.line}:${columnIndex(c.cell)}`, c.to]));
        expect(after.rows.map((r) => r.cells)).toEqual(before.rows.map((r) => r.cells.map((v, k) => changed.get(`${r.line}:${k}`) ?? v)));
        expect(after.blank.map((r) => r.excelRow)).toEqual(before.blank.map((r) => r.excelRow));
        expect(lineBreaks(f.text)).toBe(lineBreaks(text) - removedBefore(f, Infinity));
        expect(f.text).not.toMatch(/\t(?=(?:[^"]*"[^"]*")*[^"]*$)/); // no tab left outside quotes
      }),
      { numRuns: 500 },
    );
  });
});

// The letters used in the changes' cells are Excel's.
it('reads the Excel letters of the changes', () => expect([0, 25, 26].map((k) => columnIndex(`${excelColumn(k)}7`))).toEqual([0, 25, 26]));
