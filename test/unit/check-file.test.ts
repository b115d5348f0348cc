import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialise, VALID } from '../helpers/fixtures.ts';
import { ROOT } from '../helpers/paths.ts';
import { checkFile, formatForEditor, guessTable, keptNote } from '../../src/lib/validation/check-file.ts';
import { decodeCsvBytes } from '../../src/lib/validation/encoding.ts';
import { formatIssue } from '../../src/lib/validation/issues.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';

const published = new Map(ALL_TABLES.map((t) => [t.name, new Uint8Array(readFileSync(join(VALID, 'data', `${t.name}.csv`)))]));
const plans = readdirSync(join(VALID, 'content/plan'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ id: f.slice(0, -3), path: `content/plan/${f}`, text: readFileSync(join(VALID, 'content/plan', f), 'utf8') }));

function cli(dir: string): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts'), '--format', 'json', '--data', 'data', '--content', 'content'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return (JSON.parse(r.stdout).issues as Array<{ text: string }>).map((i) => i.text);
}

describe('the in-browser checker and the command line', () => {
  const cases: Array<[string, string]> = [
    ['cell-enum', 'problems'],
    ['encoding-gbk', 'villages'],
    ['encoding-gbk-cells', 'problems'],
    ['quote-unclosed', 'villages'],
    ['row-cell-count', 'villages'],
    ['uscc-check', 'enterprises'],
    ['rule-closed-forbidden', 'problems'],
    ['header-missing-column', 'villages'],
  ];
  for (const [fixture, table] of cases) {
    it(`give identical messages for ${fixture} (${table}.csv)`, () => {
      const dir = materialise(fixture);
      const bytes = new Uint8Array(readFileSync(join(dir, 'data', `${table}.csv`)));
      const browser = checkFile({ fileName: `${table}.csv`, bytes, published, plans });
      expect(browser.table).toBe(table);
      const fromCli = cli(dir);
      const mine = browser.issues.map(formatIssue);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine).toEqual(fromCli.filter((m) => m.startsWith(`data/${table}.csv`)));
      expect(browser.elsewhere.map(formatIssue)).toEqual(
        fromCli.filter((m) => !m.startsWith(`data/${table}.csv`) && m.includes(`data/${table}.csv`) && m.includes('找不到')),
      );
    });
  }

  it('guesses the table from the file name or, failing that, the header', () => {
    const problems = new Uint8Array(readFileSync(join(VALID, 'data/problems.csv')));
    expect(guessTable('problems (2).csv', problems)).toBe('problems');
    expect(guessTable('credit-ratings-excel.csv', problems)).toBe('credit-ratings');
    expect(guessTable('导出的数据.csv', problems)).toBe('problems');
    expect(guessTable('随便.csv', new TextEncoder().encode('a,b,c\n1,2,3\n'))).toBeUndefined();
  });

  it('guesses the table of a GBK file, a tab-separated file and a header of Chinese titles, whatever the name', () => {
    const gbk = new Uint8Array(readFileSync(join(materialise('encoding-gbk'), 'data/villages.csv')));
    expect(guessTable('问题清单（第二批）.csv', gbk)).toBe('villages');
    expect(checkFile({ fileName: '问题清单（第二批）.csv', bytes: gbk, published, plans }).issues.map((i) => i.code)).toEqual(['E002']);
    const tab = new Uint8Array(readFileSync(join(materialise('delimiter-tab'), 'data/villages.csv')));
    expect(guessTable('导出.txt', tab)).toBe('villages');
    const titles = new Uint8Array(readFileSync(join(materialise('header-chinese-titles'), 'data/villages.csv')));
    expect(guessTable('导出.csv', titles)).toBe('villages');
  });

  it('reads a GBK file on and reports every problem in one pass, each correction with what it implies; the corrected file is UTF-8', () => {
    const bytes = new Uint8Array(readFileSync(join(materialise('encoding-gbk-cells'), 'data/problems.csv')));
    expect(decodeCsvBytes(bytes).ok).toBe(false);
    const r = checkFile({ fileName: '整改台账.csv', bytes, published, plans });
    expect(r.table).toBe('problems');
    expect(r.issues.map((i) => formatForEditor(i, '整改台账.csv'))).toEqual([
      '整改台账.csv 第 2 行：文件是 GBK/GB18030 编码（Excel 默认的“CSV（逗号分隔）”格式），不是 UTF-8，中文会变成乱码。这一行按 GBK 读出来是“GS-2017-001,2017-03-14,信访举报,dongcun,东村河,”。在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”；在 WPS 中另存为时把编码选为 UTF-8。',
      '整改台账.csv 单元格 M3（第 3 行，列 status）：“整改完成”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已整改”；改为“已整改”后还要改列 closed：状态是“已整改”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
      '整改台账.csv 单元格 B6（第 6 行，列 reported）：“2019/2/14”不是有效的日期格式（允许：年-月-日，例如 2019-06-30），应写成“2019-02-14”',
    ]);
    expect(r.fixed?.notes).toEqual(['编码由 GBK/GB18030 改为 UTF-8（带 BOM，Excel 可以直接打开）']);
    expect(r.fixed?.changes.map((c) => `${c.cell} ${c.from}→${c.to}`)).toEqual(['M3 整改完成→已整改', 'B6 2019/2/14→2019-02-14']);
    // The corrected file is the published one in UTF-8 but for the two cells; what is left is the date the message announced.
    const fixed = r.fixed!.bytes;
    expect(new TextDecoder().decode(fixed.subarray(3))).toBe(
      new TextDecoder('gb18030').decode(bytes).replace('整改完成', '已整改').replace('2019/2/14', '2019-02-14'),
    );
    const again = checkFile({ fileName: '整改台账（已修正）.csv', bytes: fixed, published, plans });
    expect(again.issues.map((i) => formatForEditor(i, '整改台账（已修正）.csv'))).toEqual([
      '整改台账（已修正）.csv 单元格 N3（第 3 行，列 closed）：状态是“已整改”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
    ]);
  });

  it('names the editor’s file and the Excel cell, and offers the corrected file', () => {
    const bytes = new TextEncoder().encode('id,name,kind\ndongcun,东村,村\nxishequ,"西\n社区",社区\nnanxiang,南巷村, 村\nbeicun,北村,村\nhuxin,湖心村,村\n');
    const r = checkFile({ fileName: '村.csv', bytes, published, plans });
    expect(r.issues.map((i) => formatForEditor(i, '村.csv'))).toEqual([
      '村.csv 单元格 C4（第 4 行，列 kind）：“ 村”开头或结尾有空格（请删除多余的空格），应写成“村”',
    ]);
    expect(r.fixed?.fileName).toBe('村（已修正）.csv');
    expect(r.fixed?.changes).toEqual([{ line: 5, cell: 'C4', column: 'kind', from: ' 村', to: '村' }]);
    const fixed = r.fixed!.bytes;
    expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Only the corrected cell changes; the file's own line ends are kept.
    expect(new TextDecoder().decode(fixed.subarray(3))).toBe(new TextDecoder().decode(bytes).replace('南巷村, 村', '南巷村,村'));
    expect(checkFile({ fileName: '村（已修正）.csv', bytes: fixed, published, plans }).issues).toEqual([]);
  });

  it('keeps a row it cannot read in the corrected file, byte for byte, and says so; the corrected file still fails on it', () => {
    const text = readFileSync(join(VALID, 'data/problems.csv'), 'utf8')
      .replace(',养殖废水直排河道,', ',"养殖废水直排河道,')
      .replace('GS-2018-003,2018-11-05,', 'GS-2018-003,2018/11/5,');
    const r = checkFile({ fileName: '问题.csv', bytes: new TextEncoder().encode(text), published, plans });
    expect(r.fixed?.changes).toEqual([{ line: 6, cell: 'B5', column: 'reported', from: '2018/11/5', to: '2018-11-05' }]);
    expect(r.fixed?.kept).toEqual([5]);
    expect(keptNote(r.fixed!.kept)).toBe('第 5 行的引号有错，读不出来：原样保留，没有修正，仍需手工修改（见下面的问题）。');
    expect(new TextDecoder().decode(r.fixed!.bytes.subarray(3))).toBe(text.replace('2018/11/5', '2018-11-05'));
    const again = checkFile({ fileName: '问题（已修正）.csv', bytes: r.fixed!.bytes, published, plans });
    expect(again.issues.map((i) => `${i.code}:${i.line}`)).toEqual(['E021:5']);
    expect(again.fixed).toBeUndefined();
  });

  it('names the line where a stray quote opened, fifteen lines before it happened to close, and finds the mistakes between', () => {
    const lines = ['id,name,kind', 'dongcun,"东村,村'];
    for (let k = 3; k <= 16; k++) lines.push(`v${k},村${k},${k === 9 ? '镇' : '村'}`);
    lines.push('huxin,"湖心, 村",村', 'beicun,北村,村', '');
    const r = checkFile({ fileName: 'villages.csv', table: 'villages', bytes: new TextEncoder().encode(lines.join('\n')), published, plans });
    expect(r.issues.map(formatIssue)).toEqual([
      'data/villages.csv:2：从这一行开始的带引号单元格“"东村,村”一直读到第 17 行才结束，那里的结束引号后面还有文字，第 3–17 行都被读成了这一个单元格：很可能是这一行多了一个英文双引号，或者这个单元格少了结束引号（这一行没有检查，后面的行照常检查）',
      'data/villages.csv:9 列 kind：“镇”不是允许的值（允许：村、社区）',
    ]);
    // The cell-count form: the quote closes at the end of a line, the record then has too many cells.
    const other = ['id,name,kind', 'dongcun,"东村,村', 'xishequ,西社区,社区', 'nanxiang,南巷村",村,多', ''].join('\n');
    expect(
      checkFile({ fileName: 'villages.csv', table: 'villages', bytes: new TextEncoder().encode(other), published, plans }).issues.map(formatIssue),
    ).toEqual([
      'data/villages.csv:2：从这一行开始的带引号单元格“"东村,村”一直读到第 4 行才结束，这样读出的一行有 4 个单元格，表头有 3 列，第 3–4 行都被读成了这一个单元格：很可能是这一行多了一个英文双引号，或者这个单元格少了结束引号（这一行没有检查，后面的行照常检查）',
      'data/villages.csv:4：单元格“南巷村"”中间有英文双引号（这样的单元格要整体放在双引号中，文字中的双引号写成两个 ""，或改用中文引号“”）',
    ]);
  });

  it('offers no corrected file for a UTF-8 file with one bad byte (read as GBK, all its Chinese would be mojibake)', () => {
    const good = new TextEncoder().encode('id,name,kind\ndongcun,东村,村\nxishequ,西社区,社区\n');
    const at = good.indexOf(0x0a, 20) + 1; // the start of line 3
    const bytes = new Uint8Array([...good.subarray(0, at), 0xed, 0xa0, 0x80, ...good.subarray(at)]);
    const r = checkFile({ fileName: 'villages.csv', bytes, published, plans });
    expect(r.issues.map((i) => `${i.code}:${i.line}`)).toEqual(['E003:3']);
    expect(r.fixed).toBeUndefined();
  });
});
