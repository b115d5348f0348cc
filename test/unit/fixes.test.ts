import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { materialise } from '../helpers/fixtures.ts';
import { excelSerialDate, fixTableText, impliedNote, nearestAllowed, suggestCell } from '../../src/lib/validation/fixes.ts';
import { validateDataset } from '../../src/lib/validation/validate.ts';
import { decodeCsvBytes } from '../../src/lib/validation/encoding.ts';
import { parseCsv } from '../../src/lib/validation/csv.ts';
import { validateDirs } from '../../src/build/read-dataset.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { columnMetaOf, columnNames, type AnyTable } from '../../src/schemas/table.ts';

const table = (name: string) => ALL_TABLES.find((t) => t.name === name)! as AnyTable;
const meta = (t: string, c: string) => columnMetaOf(table(t), c)!;
const fix = (t: string, c: string, raw: string) => suggestCell(meta(t, c), raw)?.value;

/** Each mechanical mistake: table, column, what the editor wrote, the suggested value. */
const PINNED: Array<[string, string, string, string | undefined]> = [
  ['problems', 'reported', '2017/3/14', '2017-03-14'],
  ['problems', 'reported', '2017年3月14日', '2017-03-14'],
  ['problems', 'reported', '2017.3.14', '2017-03-14'],
  ['problems', 'reported', '2017-3-4', '2017-03-04'],
  ['problems', 'reported', '２０１７/３/１４', '2017-03-14'],
  ['problems', 'reported', ' 2017-03-14　', '2017-03-14'],
  ['problems', 'reported', '2017/2/30', undefined], // not a real day: nothing to suggest
  ['problems', 'reported', '42808', undefined], // Excel day number: a hint, not a fix
  ['indicators', 'baseline_date', '2016年', '2016'],
  ['indicators', 'baseline_date', '2016/7', '2016-07'],
  ['problems', 'fine_wan', '２０.５', '20.5'],
  ['problems', 'fine_wan', '1,234.5', '1234.5'],
  ['problems', 'fine_wan', '20万元', '20'],
  ['problems', 'fine_wan', '1,5', undefined], // a decimal comma or a typo: not guessed
  ['indicators', 'target', '60%', '60'],
  ['indicators', 'target', '６０％', '60'],
  ['problems', 'fine_wan', '20%', undefined], // a share in a column of 万元: not guessed
  ['indicators', 'section', 's1；s2', 's1;s2'],
  ['indicators', 'quote', '全镇；;河道', undefined], // a Chinese semicolon in a quote is text
  ['problems', 'categories', '水；大气', '水;大气'],
  ['problems', 'categories', '水，大气', '水;大气'],
  ['problems', 'categories', '水、大气', '水;大气'],
  ['problems', 'categories', '大气;空气', undefined],
  ['enterprises', 'uscc', '91110000600037341l', '91110000600037341L'],
  ['enterprises', 'uscc', '９１１１００００６０００３７３４１Ｌ', '91110000600037341L'],
  ['enterprises', 'uscc', '911100006000 37341L', '91110000600037341L'],
  ['problems', 'id', 'gs-2017-001', 'GS-2017-001'],
  ['credit-ratings', 'period', '2019-h1', '2019-H1'],
  ['villages', 'id', 'DongCun', 'dongcun'],
  ['villages', 'id', 'Dong Cun', undefined], // a space inside a name is not stray
  ['villages', 'name', ' 西社区 ', '西社区'],
  ['villages', 'name', '西社区\u3000', '西社区'],
  ['problems', 'status', '完成整改', '已整改'],
  ['problems', 'status', '已完成', undefined], // 已整改 or 已销号: equally close, never guessed
  ['problems', 'status', '整改', undefined], // part of three allowed values
  ['credit-ratings', 'rating', '红', '红色'],
  ['credit-ratings', 'rating', ' 红色', '红色'],
  ['problems', 'verified', '实', undefined],
  ['problems', 'source_type', '媒体', '媒体曝光'],
  ['indicators', 'kind', 'Count', 'count'],
];

describe('the fixer', () => {
  for (const [t, c, raw, want] of PINNED) {
    it(`${t}.${c}: “${raw}” → ${want === undefined ? 'no suggestion' : `“${want}”`}`, () => {
      expect(fix(t, c, raw)).toBe(want);
    });
  }

  it('offers nothing for a value that is already right', () => {
    expect(fix('problems', 'reported', '2017-03-14')).toBeUndefined();
  });

  it('never picks between two equally close allowed values', () => {
    expect(nearestAllowed('色', ['红色', '蓝色'])).toBeUndefined();
    expect(nearestAllowed('红', ['红色', '深红色'])).toBeUndefined();
    expect(nearestAllowed('红', ['红色', '蓝色'])).toBe('红色');
  });

  it('reads an Excel day number as a date for the hint', () => {
    expect(excelSerialDate('42808')).toBe('2017-03-14');
    expect(excelSerialDate('123')).toBeUndefined();
  });

  it('corrects a tab-separated file and a Chinese header, same rows in the same order, the file’s own line ends', () => {
    const fixed = fixTableText(table('villages'), '编号\t名称\t类型\ndongcun\t东村\t村\nxishequ\t 西社区\t社区\n');
    expect(fixed.delimiter).toBe('\t');
    expect(fixed.commas).toBe(true);
    expect(fixed.text).toBe('id,name,kind\ndongcun,东村,村\nxishequ,西社区,社区\n');
    expect(fixed.changes.map((c) => `${c.cell} ${c.from}→${c.to}`)).toEqual(['A1 编号→id', 'B1 名称→name', 'C1 类型→kind', 'B3  西社区→西社区']);
  });

  it('keeps rows it cannot fix as written', () => {
    const text = 'id,name,kind\r\ndongcun,东村,村,多余\r\nxishequ,西社区,街道\r\n';
    expect(fixTableText(table('villages'), text)).toMatchObject({ text, changes: [] });
  });

  it('turns the file with eleven mechanical mistakes into one that validates clean, changing only those cells', () => {
    const dir = materialise('fix-ten-mistakes');
    expect(validateDirs({ dataDir: `${dir}/data`, contentDir: `${dir}/content`, cwd: dir }).issues).toHaveLength(11);
    let changes = 0;
    for (const f of readdirSync(join(dir, 'data'))) {
      const def = table(f.replace(/\.csv$/, ''));
      const before = decodeCsvBytes(readFileSync(join(dir, 'data', f)));
      if (!before.ok) throw new Error(f);
      const fixed = fixTableText(def, before.text);
      changes += fixed.changes.length;
      // Same rows in the same order; the cells that differ are exactly the listed changes.
      const a = parseCsv(before.text).rows;
      const b = parseCsv(fixed.text).rows;
      expect(
        b.map((r) => r.line),
        f,
      ).toEqual(a.map((r) => r.line));
      const differ = a.flatMap((r, k) => r.cells.flatMap((c, j) => (c !== b[k]!.cells[j] ? [`${r.line}:${j}:${c}→${b[k]!.cells[j]}`] : [])));
      const cols = a[0]!.cells;
      expect(differ, f).toEqual(fixed.changes.map((c) => `${c.line}:${cols.indexOf(c.column)}:${c.from}→${c.to}`));
      writeFileSync(join(dir, 'data', f), fixed.text);
    }
    expect(changes).toBe(11);
    expect(validateDirs({ dataDir: `${dir}/data`, contentDir: `${dir}/content`, cwd: dir }).issues).toEqual([]);
  });
});

describe('a correction that implies another change', () => {
  const problems = table('problems');
  /** A problem row as the validator reads it (an empty cell is undefined), without the cells being corrected. */
  const row: Record<string, unknown> = {
    ...Object.fromEntries(columnNames(problems).map((c) => [c, undefined])),
    id: 'GS-2018-001',
    reported: '2018-06-02',
    source_type: '网格巡查',
    categories: ['大气'],
    title: '露天焚烧垃圾',
    description: '网格员发现露天焚烧。',
    verified: '属实',
    responsible: '示例镇城管办',
    deadline: '2018-07-01',
  };
  delete row.status;

  it('says what the corrected row still needs, from the table’s own row rules', () => {
    // 整改完成 → 已整改 makes the completion date required (E070).
    expect(impliedNote(problems, row, [{ column: 'status', value: '已整改' }])).toBe(
      '；改为“已整改”后还要改列 closed：状态是“已整改”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
    );
    // 正在整改 → 整改中 with a completion date written: the date must go (E071).
    expect(impliedNote(problems, { ...row, closed: '2018-06-20' }, [{ column: 'status', value: '整改中' }])).toBe(
      '；改为“整改中”后还要改列 closed：状态是“整改中”，完成日期“2018-06-20”必须为空（已经完成的，请把状态改为“已整改”或“已销号”）',
    );
    // Two corrections in one row, two rules broken after them.
    const noReported = { ...row };
    delete noReported.reported;
    expect(
      impliedNote(problems, { ...noReported, closed: '2018-05-01' }, [
        { column: 'reported', value: '2018-06-02' },
        { column: 'status', value: '整改中' },
      ]),
    ).toBe(
      '；这一行的 2 处按建议改正后还要改列 closed：状态是“整改中”，完成日期“2018-05-01”必须为空（已经完成的，请把状态改为“已整改”或“已销号”）；列 closed：完成日期 2018-05-01 早于发现日期 2018-06-02（完成日期不能早于发现日期）',
    );
  });

  it('says nothing when the corrected row is fine or cannot be read', () => {
    expect(impliedNote(problems, { ...row, closed: '2018-06-20' }, [{ column: 'status', value: '已整改' }])).toBe('');
    expect(impliedNote(problems, row, [{ column: 'status', value: '完成了' }])).toBe('');
    // A column still missing: the rules are not run on half a row.
    expect(impliedNote(problems, row, [])).toBe('');
  });

  it('is part of the message that proposes the correction, in the validator’s one pass', () => {
    const text = readFileSync(join(materialise('rule-closed-missing'), 'data/problems.csv'), 'utf8');
    // rule-closed-missing's first record is 已销号 without a date: written 销号, the fix says the date is needed too.
    expect(text.split(',已销号,,')).toHaveLength(2);
    const bad = text.replace(',已销号,,', ',销号,,');
    const files = new Map(ALL_TABLES.map((t) => [t.name, t.name === 'problems' ? new TextEncoder().encode(bad) : undefined]));
    const issues = validateDataset({ dataDir: 'data', files, tables: [problems], plans: [] }).issues;
    expect(issues.map((i) => `${i.code} ${i.message}`)).toEqual([
      'E031 “销号”不是允许的值（允许：待整改、整改中、已整改、已销号），应写成“已销号”；改为“已销号”后还要改列 closed：状态是“已销号”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）',
    ]);
  });
});
