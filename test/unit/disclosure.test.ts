import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID } from '../helpers/fixtures.ts';
import { checkFile } from '../../src/lib/validation/check-file.ts';
import { formatIssue } from '../../src/lib/validation/issues.ts';
import { disclosureText, disclosureTimeliness, summariseTimeliness, timelinessSummaryText } from '../../src/lib/problems.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { problems } from '../../src/schemas/problems.ts';

const published = new Map(ALL_TABLES.map((t) => [t.name, new Uint8Array(readFileSync(join(VALID, 'data', `${t.name}.csv`)))]));
const plans = readdirSync(join(VALID, 'content/plan'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ id: f.slice(0, -3), path: `content/plan/${f}`, text: readFileSync(join(VALID, 'content/plan', f), 'utf8') }));

describe('the authority’s disclosure date (problems.csv, disclosed)', () => {
  const row = { reported: '2019-06-18', disclosed: '2019-06-10' } as never;
  it('may not be before the problem was reported, nor after today', () => {
    expect(problems.rules?.(row).map((i) => [i.code, i.column, i.message])).toEqual([
      ['E072', 'disclosed', '公开日期 2019-06-10 早于发现日期 2019-06-18（问题要先发现，才能公开）'],
    ]);
    const later = { reported: '2019-06-18', disclosed: '2020-01-02' } as never;
    expect(problems.rules?.(later, { today: '2020-01-01' }).map((i) => [i.code, i.column, i.message])).toEqual([
      ['E072', 'disclosed', '公开日期 2020-01-02 晚于今天 2020-01-01（公开日期不能是将来的日期，请检查年份和月份）'],
    ]);
    expect(problems.rules?.(later, { today: '2020-01-02' })).toEqual([]);
    expect(problems.rules?.(later)).toEqual([]); // no day given: not checked
  });

  it('is checked against the editor’s day in the checker, naming the cell', () => {
    const text = new TextDecoder().decode(published.get('problems')!).replace('2017-03-24\n', '2021-05-01\n');
    const result = checkFile({ fileName: 'problems.csv', bytes: new TextEncoder().encode(text), published, plans, today: '2020-01-01' });
    expect(result.issues.map((i) => `${i.code} ${formatIssue(i)}`)).toEqual([
      'E072 data/problems.csv:2 列 disclosed：公开日期 2021-05-01 晚于今天 2020-01-01（公开日期不能是将来的日期，请检查年份和月份）',
    ]);
    expect(result.issues[0]!.excelColumn).toBe('S');
  });
});

describe('disclosure timeliness', () => {
  const rows = [
    { id: 'A', reported: '2019-01-02', disclosed: '2019-01-10' },
    { id: 'B', reported: '2018-11-01', disclosed: '2019-01-10' },
    { id: 'C', reported: '2019-01-02', disclosed: '2019-01-02' },
    { id: 'D', reported: '2019-01-02', disclosed: undefined },
  ];

  it('is computed only from the records with a disclosure date, never from when this site showed them', () => {
    const t = disclosureTimeliness(rows);
    expect(t.map((x) => [x.id, x.days, x.workingDays])).toEqual([
      ['A', 8, 6],
      ['B', 70, 50],
      ['C', 0, 0],
    ]);
    expect(summariseTimeliness(t, rows.length)).toEqual({ count: 3, total: 4, medianDays: 8, withinLimit: 2, limit: 20 });
  });

  it('says how many records the figure covers, and gives no figure without any date', () => {
    expect(timelinessSummaryText(summariseTimeliness(disclosureTimeliness(rows), 4))).toBe(
      '公开及时性按 3 条有公开日期的记录计算（共 4 条，其余 1 条没有公开日期，不计入）：从发现/交办到有关部门公开，中位数为 8 天；其中 2 条在 20 个工作日内公开（环境信息公开的规定要求环境检查结果在 20 个工作日内公开；这里的工作日按周一至周五计，不计节假日）。',
    );
    const none = timelinessSummaryText(summariseTimeliness([], 70));
    expect(none).toBe(
      '公开及时性：70 条记录都没有填写有关部门的公开日期，所以这里不计算公开及时性。本站收录一条记录的日期不是政府公开它的日期，不能用来衡量公开是否及时。',
    );
    expect(none).not.toMatch(/中位数|\d+ 条在/);
  });

  it('states one problem’s disclosure as a fact', () => {
    const [a, , c] = disclosureTimeliness(rows);
    expect(disclosureText(a!)).toBe('发现/交办后 8 天（6 个工作日）由有关部门公开（2019-01-10）');
    expect(disclosureText(c!)).toBe('发现/交办当天由有关部门公开（2019-01-02）');
  });
});
