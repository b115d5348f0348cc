import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PickRow, RowOf } from '../../src/schemas/index.ts';
import type { PeriodRating } from '../../src/lib/ratings.ts';
import type { Rating } from '../../src/schemas/enums.ts';
import { latestByEnterprise } from '../../src/lib/ratings.ts';

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

describe('column titles from the schemas', () => {
  it('gives the title /data/ publishes, by table and column', async () => {
    const { titleOf, DATA_TABLES } = await import('../../src/schemas/index.ts');
    const { columnMeta } = await import('../../src/schemas/columns.ts');
    expect(titleOf('problems', 'source_url')).toBe(columnMeta(DATA_TABLES.problems.schema.shape.source_url).title);
    expect(titleOf('problems', 'source_url')).toBe('来源网址');
    expect(titleOf('credit-ratings', 'rating')).toBe('信用等级');
    // @ts-expect-error a misspelt column is a type error
    expect(titleOf('problems', 'source')).toBe('source');
  });
});
