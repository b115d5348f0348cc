import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { excelCell, toExcelCsv, toJsonRecords } from '../../src/lib/downloads.ts';

const SOURCE = [
  'id,title,score,code,note',
  'a,=HYPERLINK("http://x"),-3,913202810000000001,+1 point',
  'b,"comma, and ""quote""",5,0123,@SUM(A1)',
  'c,"line\nbreak",-1.5,ABC,-minus text',
  'd,\ttab,,,plain',
].join('\n');

const COLUMNS = new Map([
  ['id', { type: 'string' as const }],
  ['title', { type: 'string' as const }],
  ['score', { type: 'number' as const }],
  ['code', { type: 'string' as const }],
  ['note', { type: 'string' as const }],
]);

describe('CSV for Excel', () => {
  const excel = toExcelCsv(SOURCE, COLUMNS);

  it('starts with a BOM and ends every line with CRLF', () => {
    expect(excel.startsWith('\uFEFF')).toBe(true);
    expect(excel.replace(/"[^"]*"/g, '').split('\n').every((l) => l === '' || l.endsWith('\r'))).toBe(true);
  });

  it('reads back with PapaParse to the same values, apart from neutralised and protected cells', () => {
    const original = Papa.parse<string[]>(SOURCE).data;
    const back = Papa.parse<string[]>(excel.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(back).toHaveLength(original.length);
    const changed: string[] = [];
    back.forEach((row, r) =>
      row.forEach((cell, k) => {
        const was = original[r]![k]!;
        if (cell === was) return;
        const { text, kind } = excelCell(was, COLUMNS.get(original[0]![k]!)?.type === 'string');
        expect(cell).toBe(text);
        changed.push(`${kind}:${was}→${cell}`);
      }),
    );
    expect(changed).toEqual([
      'neutralised:=HYPERLINK("http://x")→\'=HYPERLINK("http://x")',
      'protected:913202810000000001→="913202810000000001"',
      "neutralised:+1 point→'+1 point",
      'protected:0123→="0123"',
      "neutralised:@SUM(A1)→'@SUM(A1)",
      "neutralised:-minus text→'-minus text",
      "neutralised:\ttab→'\ttab",
    ]);
  });

  it('leaves plain numbers, including negative ones, alone', () => {
    expect(excelCell('-3', false)).toEqual({ text: '-3', kind: 'plain' });
    // In a text column, years, months, text dates and period codes stay text (one type per column).
    for (const v of ['2017', '2017-12', '2017-12-31', '2019-H1', '22.2']) expect(excelCell(v, true), v).toEqual({ text: `="${v}"`, kind: 'protected' });
    // In a date or number column they are what they look like.
    expect(excelCell('2017-12-31', false)).toEqual({ text: '2017-12-31', kind: 'plain' });
    expect(excelCell('2017', false)).toEqual({ text: '2017', kind: 'plain' });
    expect(excelCell('GS-2017-001', true)).toEqual({ text: 'GS-2017-001', kind: 'plain' });
    expect(excelCell('-1.5', false)).toEqual({ text: '-1.5', kind: 'plain' });
    expect(excelCell('\r', true)).toEqual({ text: "'\r", kind: 'neutralised' });
  });
});

describe('JSON download', () => {
  it('keeps every column, with null for empty cells', () => {
    expect(JSON.parse(toJsonRecords(['a', 'b', 'c'], [{ a: 1, c: ['水', '大气'] }]))).toEqual([{ a: 1, b: null, c: ['水', '大气'] }]);
  });
});
