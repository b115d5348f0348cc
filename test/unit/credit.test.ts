import { describe, expect, it } from 'vitest';
import { changes, creditIndex, distribution, downgraded, filterCredit, warningList } from '../../src/lib/credit.ts';
import type { PickRow } from '../../src/schemas/index.ts';

type RatingRow = PickRow<'credit-ratings', 'uscc' | 'period' | 'rating' | 'score'>;

const R: RatingRow[] = [
  { uscc: 'A', period: '2018', rating: '蓝色' },
  { uscc: 'A', period: '2019-H1', rating: '红色', score: 2 },
  { uscc: 'B', period: '2018', rating: '黄色' },
  { uscc: 'B', period: '2019-H1', rating: '绿色', score: 11 },
  { uscc: 'C', period: '2019-H1', rating: '黑色', score: -1 },
  { uscc: 'D', period: '2018', rating: '绿色' },
  { uscc: 'D', period: '2019-H1', rating: '黄色', score: 4 },
];

describe('credit by period', () => {
  it('counts each colour and its change from the previous period', () => {
    expect(distribution(R, '2019-H1').map((d) => [d.rating, d.count, d.change])).toEqual([
      ['绿色', 1, 0],
      ['蓝色', 0, -1],
      ['黄色', 1, 0],
      ['红色', 1, 1],
      ['黑色', 1, 1],
    ]);
    expect(distribution(R, '2018').every((d) => d.change === undefined)).toBe(true);
  });

  it('knows how each enterprise moved', () => {
    expect(changes(R, '2019-H1').map((c) => [c.current.uscc, c.change])).toEqual([
      ['A', 'downgraded'],
      ['B', 'upgraded'],
      ['C', 'new'],
      ['D', 'downgraded'],
    ]);
  });

  it('lists red and black (worst first) and the downgraded (biggest drop first)', () => {
    expect(warningList(R, '2019-H1').map((r) => r.uscc)).toEqual(['C', 'A']);
    expect(downgraded(R, '2019-H1').map((c) => c.current.uscc)).toEqual(['A', 'D']);
  });

  it('filters the compact index by rating, industry, village and part of the name or code', () => {
    const ents = [
      { uscc: '91320281AAAA', name: '（示例）青禾化工', industry: '化工', village: 'v1' },
      { uscc: '91320281BBBB', name: '（示例）锦澜印染', industry: '印染', village: 'v2' },
      { uscc: '91320281CCCC', name: '（示例）澄川化工', industry: '化工', village: 'v2' },
    ];
    const rr: RatingRow[] = [
      { uscc: '91320281AAAA', period: '2018', rating: '蓝色' },
      { uscc: '91320281AAAA', period: '2019-H1', rating: '红色' },
      { uscc: '91320281BBBB', period: '2019-H1', rating: '蓝色' },
      { uscc: '91320281CCCC', period: '2018', rating: '黄色' },
    ];
    const idx = creditIndex(
      ents,
      rr,
      new Map([
        ['v1', '红豆村'],
        ['v2', '北涸村'],
      ]),
    );
    expect(idx.periods).toEqual(['2018', '2019-H1']);
    expect(idx.rows[0]).toEqual(['91320281AAAA', '（示例）青禾化工', '化工', 'v1', '红豆村', '蓝红']);
    expect(filterCredit(idx, { period: '2019-H1' }).map((r) => [r.uscc, r.rating, r.change])).toEqual([
      ['91320281AAAA', '红色', 'downgraded'],
      ['91320281BBBB', '蓝色', 'new'],
    ]);
    expect(filterCredit(idx, { period: '2019-H1', rating: '红色' }).map((r) => r.uscc)).toEqual(['91320281AAAA']);
    expect(filterCredit(idx, { period: '2018', industry: '化工', village: 'v2' }).map((r) => r.uscc)).toEqual(['91320281CCCC']);
    expect(filterCredit(idx, { period: '2019-H1', q: 'bbb' }).map((r) => r.uscc)).toEqual(['91320281BBBB']);
    expect(filterCredit(idx, { period: '2018', q: '青禾' }).map((r) => r.uscc)).toEqual(['91320281AAAA']);
  });
});
