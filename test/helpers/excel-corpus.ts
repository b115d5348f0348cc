/**
 * Hostile cells for the Excel-safe encoder (src/lib/publishing/excel-csv.ts): each value, the kind of
 * column it is in, and what the encoder writes (before CSV quoting). Read by the unit test and by
 * LibreOffice in test/build/spreadsheet.test.ts.
 */
import type { ExcelColumn } from '../../src/lib/publishing/excel-csv.ts';

export const EXCEL_CORPUS: ReadonlyArray<readonly [value: string, column: ExcelColumn, written: string]> = [
  // Formula and DDE payloads, and the same after whitespace, control and separator characters.
  ['=1+1', 'text', "'=1+1"],
  ["=cmd|' /C calc'!A0", 'text', "'=cmd|' /C calc'!A0"],
  ['=HYPERLINK("http://x","点")', 'text', '\'=HYPERLINK("http://x","点")'],
  ['@SUM(1+1)', 'text', "'@SUM(1+1)"],
  ['+1 point', 'text', "'+1 point"],
  ['-2+3', 'text', "'-2+3"],
  ['-2+3', 'number', "'-2+3"],
  ['\t=1', 'text', "'\t=1"],
  ['\ttab', 'text', "'\ttab"],
  ['\r\n=1', 'text', "'\r\n=1"],
  [' =1', 'text', "' =1"],
  ['\u2028=1', 'text', "'\u2028=1"],
  ['\u2029=1', 'text', "'\u2029=1"],
  ['\u00A0=1', 'text', "'\u00A0=1"],
  ['\u3000=1', 'text', "'\u3000=1"],
  ['\u000B=1', 'text', "'\u000B=1"],
  ['\u0000=1', 'text', "'\u0000=1"],
  ['\u200B=1', 'text', "'\u200B=1"],
  ['\uFEFF=1', 'text', "'\uFEFF=1"],
  ['\u0301=1', 'text', "'\u0301=1"],
  ['\u2028\u3000\t @SUM(1)', 'date', "'\u2028\u3000\t @SUM(1)"],
  // Full-width, small and minus-sign forms.
  ['＝1+1', 'text', "'＝1+1"],
  ['＋1', 'text', "'＋1"],
  ['－3', 'number', "'－3"],
  ['＠SUM(1)', 'text', "'＠SUM(1)"],
  ['﹦1', 'text', "'﹦1"],
  ['−3', 'number', "'−3"],
  // A formula after a line separator inside the cell, not at its start, is text.
  ['说明\u2028=1+1', 'text', '说明\u2028=1+1'],
  // Numbers: plain numbers stay numbers in number columns, and only plain numbers.
  ['-0.5', 'number', '-0.5'],
  ['-3', 'number', '-3'],
  ['22.2', 'number', '22.2'],
  ['0', 'number', '0'],
  ['1e5', 'number', '="1e5"'],
  ['1,000', 'number', '="1,000"'],
  [' 5', 'number', '=" 5"'],
  ['+5', 'number', "'+5"],
  // The same in text columns are text.
  ['-0.5', 'text', '="-0.5"'],
  ['2017', 'text', '="2017"'],
  ['22.2', 'text', '="22.2"'],
  // Dates stay dates in date columns, only when they are exactly YYYY-MM-DD.
  ['2017-12-31', 'date', '2017-12-31'],
  ['2017-12', 'date', '="2017-12"'],
  ['2017', 'date', '="2017"'],
  // Codes a spreadsheet would turn into numbers or dates stay text.
  ['91320281MA1E2E3E4E', 'text', '="91320281MA1E2E3E4E"'],
  ['913202810000000E12', 'text', '="913202810000000E12"'],
  ['913202810000000001', 'text', '="913202810000000001"'],
  ['0123', 'text', '="0123"'],
  ['2019-H1', 'text', '="2019-H1"'],
  ['2020-01', 'text', '="2020-01"'],
  ['2017-12-31', 'text', '="2017-12-31"'],
  ['1/2', 'text', '="1/2"'],
  ['10:30', 'text', '="10:30"'],
  ['Jan-20', 'text', '="Jan-20"'],
  ['12%', 'text', '="12%"'],
  ['(5)', 'text', '="(5)"'],
  ['$5', 'text', '="$5"'],
  ['１２３', 'text', '="１２３"'],
  ['2019年1月', 'text', '="2019年1月"'],
  ['TRUE', 'text', '="TRUE"'],
  ['GS-2017-001', 'text', '="GS-2017-001"'],
  // Over Excel's 255 characters for a literal: the apostrophe keeps it text.
  ['1'.repeat(300), 'text', `'${'1'.repeat(300)}`],
  // Ordinary text stays as it is.
  ['西社区', 'text', '西社区'],
  ['苏环罚〔2019〕12号', 'text', '苏环罚〔2019〕12号'],
  ['https://example.gov.cn/a/1.html', 'text', 'https://example.gov.cn/a/1.html'],
  ['>=', 'text', '>='],
  ['水;大气', 'text', '水;大气'],
  ['', 'number', ''],
  ['', 'text', ''],
];

/** = + - @ and the full-width, small and minus-sign forms a spreadsheet might take for them. */
export const FORMULA_PREFIXES = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', '−'] as const;
/** A text literal the encoder writes on purpose: ="…" with no quote inside, within Excel's 255 characters. */
export const TEXT_LITERAL = /^="([^"]{0,255})"$/;
export const PLAIN_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * What a spreadsheet may skip before it looks for a formula, told independently of the encoder:
 * anything that is not a letter, a digit, punctuation or a symbol (whitespace, separators,
 * control, format and unassigned characters, combining marks).
 */
export function dropLeading(cell: string): string {
  const chars = [...cell];
  let i = 0;
  while (i < chars.length && !/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(chars[i]!)) i++;
  return chars.slice(i).join('');
}

/** Whether a cell, as a spreadsheet reads it after CSV unquoting, could run as a formula: not a plain number, not our literal. */
export function opensFormula(cell: string): boolean {
  return FORMULA_PREFIXES.some((p) => dropLeading(cell).startsWith(p)) && !PLAIN_NUMBER.test(cell) && !TEXT_LITERAL.test(cell);
}
