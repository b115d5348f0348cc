import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { csvRecords, excelColumn, parseCsv, recordCells, recordTexts, type CsvRow, type CsvSyntaxIssue } from '../../src/lib/validation/csv.ts';
import { decodeCsvBytes } from '../../src/lib/validation/encoding.ts';
import { ROOT } from '../helpers/paths.ts';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and keeps physical line numbers', () => {
    const text = 'a,b,c\n1,"x, ""y""\nz",3\r\n4,5,6\r\n\n,,\n7,8,9';
    const { rows, issues } = parseCsv(text);
    expect(issues).toEqual([]);
    expect(rows.map(({ line, excelRow, cells }) => ({ line, excelRow, cells }))).toEqual([
      { line: 1, excelRow: 1, cells: ['a', 'b', 'c'] },
      { line: 2, excelRow: 2, cells: ['1', 'x, "y"\nz', '3'] },
      { line: 4, excelRow: 3, cells: ['4', '5', '6'] },
      // Excel counts the blank rows (lines 5 and 6) but not the line break inside the quotes.
      { line: 7, excelRow: 6, cells: ['7', '8', '9'] },
    ]);
  });

  it('counts CR-only and CRLF line breaks inside quotes', () => {
    const { rows } = parseCsv('a\r"x\r\ny\rz"\rb\r');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('reports an unclosed quote at the line it opens and reads on from the next line', () => {
    const { rows, issues } = parseCsv('a,b\n1,"open\n2,3\n4,5\n');
    expect(issues).toEqual([{ line: 2, row: 2, kind: 'unclosed-quote', value: 'open', cell: 1 }]);
    expect(rows.map(({ line, excelRow, cells }) => ({ line, excelRow, cells }))).toEqual([
      { line: 1, excelRow: 1, cells: ['a', 'b'] },
      { line: 3, excelRow: 3, cells: ['2', '3'] },
      { line: 4, excelRow: 4, cells: ['4', '5'] },
    ]);
  });

  it('reports text after a closing quote and quotes inside unquoted cells', () => {
    const { rows, issues } = parseCsv('a,b\n"x"y,1\n2,ab"c\n');
    expect(issues.map((i) => [i.line, i.kind, i.value])).toEqual([
      [2, 'text-after-quote', '"x"y'],
      [3, 'quote-in-unquoted', 'ab"c'],
    ]);
    expect(rows[1]?.cells).toEqual(['xy', '1']);
  });

  it('reports a stray opening quote at its own line, not where it happened to close, and reads the rows it swallowed', () => {
    // Line 2 opens a quote that the first quote of line 17 closes: before, line 17 was blamed
    // and lines 3–16 (one of them with a mistake of its own) were one cell of line 2.
    const lines = ['id,name,kind', 'dongcun,"东村,村'];
    for (let k = 3; k <= 16; k++) lines.push(`v${k},村${k},村${k === 9 ? ',多' : ''}`);
    lines.push('w17,"湖心, 村",村', 'w18,北村,村');
    const { rows, issues } = parseCsv(lines.join('\n'));
    expect(issues).toEqual([{ line: 2, row: 2, kind: 'runaway-quote', value: '东村,村', cell: 1, endLine: 17, failure: 'text-after-quote' }]);
    expect(rows.find((r) => r.line === 9)?.cells).toEqual(['v9', '村9', '村', '多']);
    expect(rows.map((r) => r.line)).toEqual([1, ...Array.from({ length: 16 }, (_, k) => k + 3)]);
    expect(rows.at(-2)?.cells).toEqual(['w17', '湖心, 村', '村']);
  });

  it('takes a quote over lines for a stray one when the record then has the wrong cell count and the lines it swallowed read as rows', () => {
    const { rows, issues } = parseCsv('a,b,c\n1,"x,y\n2,3,4\n5,6",7,8\n9,10,11\n');
    expect(issues).toEqual([
      { line: 2, row: 2, kind: 'runaway-quote', value: 'x,y', cell: 1, endLine: 4, failure: 'cell-count', count: 4, width: 3 },
      { line: 4, row: 4, kind: 'quote-in-unquoted', value: '6"', cell: 1 },
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5]);
    expect(rows[2]?.cells).toEqual(['5', '6"', '7', '8']);
  });

  it('keeps a real cell over lines in a record that has the wrong cell count for another reason', () => {
    // The continuation line does not look like a row: the record is read as written (the validator says E020).
    const { rows, issues } = parseCsv('a,b,c\n1,"第一段\n第二段",3,4\n5,6,7\n');
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.line, r.cells.length])).toEqual([
      [1, 3],
      [2, 4],
      [4, 3],
    ]);
  });

  it('gives the offsets of every record and, when asked, of every cell, and lists blank records apart', () => {
    const text = 'a,b\r\n"x,""y""",2\r\n\r\n,\n3,4';
    const { rows, blank } = parseCsv(text, ',', { spans: true });
    expect(rows.map((r) => [r.line, text.slice(r.start, r.end), r.spans!.map(([s, e]) => text.slice(s, e))])).toEqual([
      [1, 'a,b', ['a', 'b']],
      [2, '"x,""y""",2', ['"x,""y"""', '2']],
      [5, '3,4', ['3', '4']],
    ]);
    expect(blank.map((r) => [r.line, r.excelRow, text.slice(r.start, r.end)])).toEqual([
      [3, 3, ''],
      [4, 4, ','],
    ]);
    expect(parseCsv(text).rows[0]?.spans).toBeUndefined();
  });

  it('names spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(excelColumn)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('parseCsv on long cells and many rows', () => {
  it('reads a cell of any length whole, quoted or not, with Chinese, a character outside the BMP and line breaks', () => {
    const long = '问题描述𠀋ab'.repeat(5000);
    const quoted = `第一行\r\n${'说"明'.repeat(4000)}\n末行`;
    const text = `id,text,note\nA-1,${long},"${quoted.replaceAll('"', '""')}"\n`;
    const r = parseCsv(text);
    expect(r.issues).toEqual([]);
    expect(r.rows[1]!.cells).toEqual(['A-1', long, quoted]);
    expect(r.rows[1]!.end).toBe(text.length - 1);
  });

  it('holds each cell as a string of its own, not as the pieces it was read in', () => {
    // In a process of its own, with the collector at hand: the heap then holds the rows alone.
    const script = `
      import { parseCsv } from './src/lib/validation/csv.ts';
      const N = 100_000;
      const text = 'uscc,period,rating,published,publisher,source_url\\n' +
        Array.from({ length: N }, (_, i) => '9132' + String(i).padStart(14, '0') + ',2024-H1,绿色,2025-04-20,无锡市环境保护局,https://example.org/credit/' + i).join('\\n') + '\\n';
      gc(); gc();
      const h0 = process.memoryUsage().heapUsed;
      const r = parseCsv(text);
      gc(); gc();
      console.log(JSON.stringify({ rows: r.rows.length, perRow: (process.memoryUsage().heapUsed - h0) / N, last: r.rows.at(-1).cells }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
      rows: number;
      perRow: number;
      last: string[];
    };
    expect(out.rows).toBe(100_001);
    expect(out.last).toEqual(['913200000000099999', '2024-H1', '绿色', '2025-04-20', '无锡市环境保护局', 'https://example.org/credit/99999']);
    // About 500 bytes a row; built a character at a time, the cells held their pieces (about 1,400).
    expect(out.perRow).toBeLessThan(800);
  });
});

describe('csvRecords', () => {
  it('gives each record as it is read, with its syntax issues already reported, and the same records as parseCsv', () => {
    const text = 'id,name\nA,"甲\n,\nB,乙"x\n\nC,丙\n';
    const out = { blank: [] as CsvRow[], issues: [] as CsvSyntaxIssue[] };
    const records = csvRecords(text, ',', {}, out);
    expect(records.next().value?.cells).toEqual(['id', 'name']);
    // Nothing past the header read yet.
    expect(out.issues).toEqual([]);
    const rest: CsvRow[] = [];
    const whole = parseCsv(text);
    for (const r of records) {
      // A record's issues are reported before it is given.
      expect(out.issues.filter((x) => x.row === r.line)).toEqual(whole.issues.filter((x) => x.row === r.line));
      rest.push(r);
    }
    expect(whole.issues.length).toBeGreaterThan(0);
    expect([['id', 'name'], ...rest.map((r) => r.cells)]).toEqual(whole.rows.map((r) => r.cells));
    expect(out).toEqual({ blank: whole.blank, issues: whole.issues });
  });
});

describe('recordCells', () => {
  it('reads each record of a text as parseCsv reads it, with or without the reader, and refuses a broken one', () => {
    const text = 'id,name\r\nA,东村\r\n,,\r\n"B,1","说""明\n二行"\r\nC, 空格 \r\n';
    const records = recordTexts(text)!;
    expect(records.map((t) => recordCells(t))).toEqual([
      ['id', 'name'],
      ['A', '东村'],
      ['', '', ''],
      ['B,1', '说"明\n二行'],
      ['C', ' 空格 '],
    ]);
    for (const t of records) expect(recordCells(t)).toEqual([...parseCsv(t).rows, ...parseCsv(t).blank][0]!.cells);
    expect(recordCells('a;b', ';')).toEqual(['a', 'b']);
    expect(recordCells('')).toEqual(['']);
    expect(recordCells('a,"b')).toBeUndefined();
    expect(recordCells('a,b\rc,d')).toBeUndefined();
  });
});

describe('decodeCsvBytes', () => {
  it('accepts UTF-8 with and without BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('id,名称\n'))).toEqual({ ok: true, text: 'id,名称\n', bom: false });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x\n')]))).toEqual({ ok: true, text: 'x\n', bom: true });
  });
  it('recognises GB18030, says on which line the first non-UTF-8 byte is, and reads the file as GB18030 for the other checks', () => {
    // "id,name\n1,顾山\n" in GB18030: 顾 = B9CB, 山 = C9BD
    const gbk = new Uint8Array([...new TextEncoder().encode('id,name\n1,'), 0xb9, 0xcb, 0xc9, 0xbd, 0x0a]);
    expect(decodeCsvBytes(gbk)).toEqual({ ok: false, encoding: 'gb18030', line: 2, sample: '1,顾山', text: 'id,name\n1,顾山\n' });
  });
  it('names the line of an invalid UTF-8 sequence: surrogates, overlong forms, truncated sequences, stray bytes, any line end', () => {
    const utf8 = (s: string) => [...new TextEncoder().encode(s)];
    // Four lines of UTF-8 with Chinese in them; the bad bytes go in the middle of line `line`.
    const file = (bad: number[], line: number, eol = '\n') => {
      const lines = ['id,name,kind', 'dongcun,东村,村', 'xishequ,西社区,社区', 'nanxiang,南巷村,村'];
      return new Uint8Array(lines.flatMap((l, k) => [...(k + 1 === line ? [...utf8(l.slice(0, 9)), ...bad, ...utf8(l.slice(9))] : utf8(l)), ...utf8(eol)]));
    };
    const cases: Array<[string, number[]]> = [
      ['lone high surrogate U+D800 (ED A0 80)', [0xed, 0xa0, 0x80]],
      ['lone low surrogate U+DC00 (ED B0 80)', [0xed, 0xb0, 0x80]],
      ['overlong slash (C0 AF)', [0xc0, 0xaf]],
      ['overlong slash (E0 80 AF)', [0xe0, 0x80, 0xaf]],
      ['overlong four-byte (F0 80 80 AF)', [0xf0, 0x80, 0x80, 0xaf]],
      ['beyond U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
      ['truncated three-byte sequence (E4 B8)', [0xe4, 0xb8]],
      ['a continuation byte alone (80)', [0x80]],
      ['F5 (never valid)', [0xf5]],
    ];
    for (const [what, bad] of cases) {
      for (const line of [2, 3, 4]) {
        for (const eol of ['\n', '\r\n', '\r']) {
          expect(decodeCsvBytes(file(bad, line, eol)), `${what}, line ${line}, ${JSON.stringify(eol)}`).toMatchObject({ ok: false, encoding: 'unknown', line });
        }
      }
    }
    // A truncated sequence at the very end of the file, after the last line break.
    expect(decodeCsvBytes(new Uint8Array([...file([], 0), 0xe4, 0xb8]))).toMatchObject({ ok: false, line: 5 });
    // With a BOM the lines are the same.
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...file([0xed, 0xa0, 0x80], 3)]))).toMatchObject({ ok: false, line: 3 });
  });

  it('recognises UTF-16', () => {
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, encoding: 'utf-16' });
  });
});
