import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PickRow, RowOf } from '../../src/schemas/index.ts';
import type { PeriodRating } from '../../src/lib/ratings.ts';
import type { Rating } from '../../src/schemas/enums.ts';
import { latestByEnterprise } from '../../src/lib/ratings.ts';
import { listOf, number, oneOf, text, yesNo, type CellResult } from '../../src/schemas/columns.ts';
import { defineTable, type RowOfTable } from '../../src/schemas/table.ts';
import type { Problem } from '../../src/schemas/problems.ts';

// Checked by the type check (astro check in npm test): the row types come from the schemas.
describe('row types from the schemas', () => {
  it('picks columns with their schema types; a column that may be empty is optional', () => {
    type Picked = PickRow<'credit-ratings', 'uscc' | 'rating' | 'score'>;
    expectTypeOf<Picked['rating']>().toEqualTypeOf<Rating>();
    expectTypeOf<Picked['score']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ uscc: string; rating: Rating }>().toExtend<Picked>();
    expectTypeOf<{ uscc: string; score: number }>().not.toExtend<Picked>();
    expectTypeOf<RowOf<'credit-ratings'>>().toExtend<Picked>();
    expectTypeOf<PeriodRating>().toEqualTypeOf<PickRow<'credit-ratings', 'uscc' | 'period' | 'rating'>>();
  });

  it('lets a whole row pass where only some columns are read', () => {
    const row: RowOf<'credit-ratings'> = {
      uscc: 'A',
      period: '2019-H1',
      rating: '红色',
      score: 2,
      reason: undefined,
      published: '2019-07-01',
      publisher: '局',
      source_url: undefined,
    };
    expect(latestByEnterprise([row]).get('A')).toBe(row);
  });
});

describe('row types derived from the columns', () => {
  const things = defineTable({
    name: 'things',
    title: '物品',
    columns: {
      id: text({ title: '编号', description: '测试用', required: true }, 10),
      size: number({ title: '大小', description: '测试用' }, { min: 0, max: 9 }),
      colour: oneOf({ title: '颜色', description: '测试用', required: true }, ['红', '蓝']),
      tags: listOf({ title: '标签', description: '测试用' }, ['甲', '乙']),
      done: yesNo({ title: '完成', description: '测试用', required: true }),
    },
    primaryKey: ['id'],
    foreignKeys: [],
    rules(row) {
      expectTypeOf(row).toEqualTypeOf<RowOfTable<typeof things>>();
      // @ts-expect-error a column the table does not have
      void row.weight;
      return [];
    },
  });

  it("types each cell by what its column's parser returns; an empty cell is undefined unless required", () => {
    expectTypeOf<RowOfTable<typeof things>>().toEqualTypeOf<{
      id: string;
      size: number | undefined;
      colour: '红' | '蓝';
      tags: Array<'甲' | '乙'> | undefined;
      done: boolean;
    }>();
    expectTypeOf(things.columns.size.parse).returns.toEqualTypeOf<CellResult<number | undefined>>();
    expectTypeOf(things.columns.colour.parse).returns.toEqualTypeOf<CellResult<'红' | '蓝'>>();
    expectTypeOf<Problem>().toEqualTypeOf<RowOf<'problems'>>();
    expectTypeOf<RowOf<'problems'>['fine_wan']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RowOf<'problems'>['status']>().toEqualTypeOf<'待整改' | '整改中' | '已整改' | '已销号'>();
    // @ts-expect-error a primary key must be one of the columns
    defineTable({ name: 'x', title: '某表', columns: { a: text({ title: '甲', description: '测试用' }) }, primaryKey: ['b'], foreignKeys: [] });
    expect(things.columns.done.parse('是')).toEqual({ ok: true, value: true });
  });
});

describe('column titles from the schemas', () => {
  it('gives the title /data/ publishes, by table and column', async () => {
    const { titleOf, DATA_TABLES } = await import('../../src/schemas/index.ts');
    expect(titleOf('problems', 'source_url')).toBe(DATA_TABLES.problems.columns.source_url.title);
    expect(titleOf('problems', 'source_url')).toBe('来源网址');
    expect(titleOf('credit-ratings', 'rating')).toBe('信用等级');
    // @ts-expect-error a misspelt column is a type error
    expect(titleOf('problems', 'source')).toBe('source');
  });
});
