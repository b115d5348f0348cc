import { describe, expect, it } from 'vitest';
import { bandText, periodEnd, periodKindOf, ratingForScore, schemeFor, scoreText, type BandRow } from '../../src/lib/credit-schemes.ts';

const SCHEMES = [
  { id: 'annual', name: '年度五色', valid_from: '2013-01-01', valid_to: '2018-12-31', period_kind: '年度', score_scale: undefined },
  { id: 'dynamic', name: '《动态办法》', valid_from: '2019-01-01', valid_to: '2019-12-31', period_kind: '半年度', score_scale: '12分制' },
  { id: 'current', name: '《新办法》', valid_from: '2020-01-01', valid_to: undefined, period_kind: '半年度', score_scale: '12分制' },
] as const;

const BANDS: BandRow[] = [
  { scheme: 'dynamic', rating: '绿色', score_min: 11, score_max: 12 },
  { scheme: 'dynamic', rating: '蓝色', score_min: 6, score_max: 10 },
  { scheme: 'dynamic', rating: '黄色', score_min: 3, score_max: 5 },
  { scheme: 'dynamic', rating: '红色', score_min: 1, score_max: 2 },
  { scheme: 'dynamic', rating: '黑色', score_max: 0 },
  { scheme: 'annual', rating: '绿色' },
];

describe('rating schemes', () => {
  it('finds a period’s last day and kind', () => {
    expect(['2018', '2019-H1', '2019-H2', '2020-H1'].map(periodEnd)).toEqual(['2018-12-31', '2019-06-30', '2019-12-31', '2020-06-30']);
    expect(['2018', '2019-H1', '2019-H2', 'x'].map(periodKindOf)).toEqual(['年度', '半年度', '半年度', undefined]);
  });

  it('gives a rating the scheme in force on the last day of its period', () => {
    const id = (p: string) => schemeFor(p, SCHEMES)?.id;
    expect(['2013', '2017', '2018', '2019-H1', '2019-H2', '2020-H1', '2035-H2', '2012'].map(id)).toEqual([
      'annual',
      'annual',
      'annual',
      'dynamic',
      'dynamic',
      'current',
      'current',
      undefined,
    ]);
    // A year that straddles two schemes belongs to the one in force on 31 December.
    expect(
      schemeFor('2019', [
        { ...SCHEMES[0], valid_to: '2019-06-30' },
        { ...SCHEMES[1], valid_from: '2019-07-01' },
      ])?.id,
    ).toBe('dynamic');
  });

  it('turns a score into a colour by its scheme’s bands only', () => {
    expect([12, 11, 10, 6, 5, 3, 2, 1, 0, -3].map((s) => ratingForScore(s, 'dynamic', BANDS))).toEqual([
      '绿色',
      '绿色',
      '蓝色',
      '蓝色',
      '黄色',
      '黄色',
      '红色',
      '红色',
      '黑色',
      '黑色',
    ]);
    expect(ratingForScore(12, 'annual', BANDS)).toBeUndefined();
    expect(ratingForScore(13, 'dynamic', BANDS)).toBeUndefined();
  });

  it('writes bands and scores as readers say them', () => {
    expect(BANDS.map(bandText)).toEqual(['11–12 分', '6–10 分', '3–5 分', '1–2 分', '0 分及以下', undefined]);
    expect(bandText({ score_min: 6 })).toBe('6 分及以上');
    expect(scoreText(8, SCHEMES[1])).toBe('8 分（12分制）');
    expect(scoreText(8, SCHEMES[0])).toBe('8 分');
  });
});
