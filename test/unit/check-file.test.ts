import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialise, VALID } from '../helpers/fixtures.ts';
import { ROOT } from '../helpers/paths.ts';
import { checkFile, guessTable } from '../../src/lib/check-file.ts';
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
});
