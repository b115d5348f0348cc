import { describe, expect, it } from 'vitest';
import { excelColumn, parseCsv } from '../../src/lib/csv.ts';
import { decodeCsvBytes } from '../../src/lib/encoding.ts';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and keeps physical line numbers', () => {
    const text = 'a,b,c\n1,"x, ""y""\nz",3\r\n4,5,6\r\n\n,,\n7,8,9';
    const { rows, issues } = parseCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
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
    expect(issues).toEqual([{ line: 2, kind: 'unclosed-quote', value: 'open', cell: 1 }]);
    expect(rows).toEqual([
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

  it('names spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(excelColumn)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('decodeCsvBytes', () => {
  it('accepts UTF-8 with and without BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('id,名称\n'))).toEqual({ ok: true, text: 'id,名称\n', bom: false });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x\n')]))).toEqual({ ok: true, text: 'x\n', bom: true });
  });
  it('recognises GB18030 and says on which line the first non-UTF-8 byte is', () => {
    // "id,name\n1,顾山\n" in GB18030: 顾 = B9CB, 山 = C9BD
    const gbk = new Uint8Array([...new TextEncoder().encode('id,name\n1,'), 0xb9, 0xcb, 0xc9, 0xbd, 0x0a]);
    expect(decodeCsvBytes(gbk)).toEqual({ ok: false, encoding: 'gb18030', line: 2, sample: '1,顾山' });
  });
  it('recognises UTF-16', () => {
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, encoding: 'utf-16' });
  });
});
