import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialise, VALID } from '../helpers/fixtures.ts';
import { ROOT } from '../helpers/paths.ts';
import { checkFile, formatForEditor, guessTable } from '../../src/lib/check-file.ts';
import { formatIssue } from '../../src/lib/issues.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';

const published = new Map(ALL_TABLES.map((t) => [t.name, new Uint8Array(readFileSync(join(VALID, 'data', `${t.name}.csv`)))]));
const plans = readdirSync(join(VALID, 'content/plan'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ id: f.slice(0, -3), path: `content/plan/${f}`, text: readFileSync(join(VALID, 'content/plan', f), 'utf8') }));

function cli(dir: string): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts'), '--format', 'json', '--data', 'data', '--content', 'content'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(r.stdout).issues as Array<{ text: string }>).map((i) => i.text);
}

describe('the in-browser checker and the command line', () => {
  const cases: Array<[string, string]> = [
    ['cell-enum', 'problems'],
    ['encoding-gbk', 'villages'],
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
      expect(browser.elsewhere.map(formatIssue)).toEqual(fromCli.filter((m) => !m.startsWith(`data/${table}.csv`) && m.includes(`data/${table}.csv`) && m.includes('找不到')));
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

  it('names the editor’s file and the Excel cell, and offers the corrected file', () => {
    const bytes = new TextEncoder().encode('id,name,kind\ndongcun,东村,村\nxishequ,"西\n社区",社区\nnanxiang,南巷村, 村\nbeicun,北村,村\nhuxin,湖心村,村\n');
    const r = checkFile({ fileName: '村.csv', bytes, published, plans });
    expect(r.issues.map((i) => formatForEditor(i, '村.csv'))).toEqual(['村.csv 单元格 C4（第 4 行，列 kind）：“ 村”开头或结尾有空格（请删除多余的空格），应写成“村”']);
    expect(r.fixed?.fileName).toBe('村（已修正）.csv');
    expect(r.fixed?.changes).toEqual([{ line: 5, cell: 'C4', column: 'kind', from: ' 村', to: '村' }]);
    const fixed = r.fixed!.bytes;
    expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(fixed.subarray(3))).toBe('id,name,kind\r\ndongcun,东村,村\r\nxishequ,"西\n社区",社区\r\nnanxiang,南巷村,村\r\nbeicun,北村,村\r\nhuxin,湖心村,村\r\n');
    expect(checkFile({ fileName: '村（已修正）.csv', bytes: fixed, published, plans }).issues).toEqual([]);
  });
});
