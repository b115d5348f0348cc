import { describe, expect, it } from 'vitest';
import { latestByEnterprise, ratingChange, ratingRank, sortedPeriods } from '../../src/lib/ratings.ts';

describe('ratings core', () => {
  it('orders colours and periods', () => {
    expect(ratingRank('绿色')).toBeLessThan(ratingRank('黑色'));
    expect(sortedPeriods([{ period: '2019-H2' }, { period: '2018' }, { period: '2019-H1' }, { period: '2017' }, { period: '2018' }])).toEqual([
      '2017',
      '2018',
      '2019-H1',
      '2019-H2',
    ]);
  });
  it('finds the latest rating per enterprise and the change from the previous one', () => {
    const latest = latestByEnterprise([
      { uscc: 'A', period: '2019-H1', rating: '蓝色' as const },
      { uscc: 'A', period: '2019-H2', rating: '红色' as const },
      { uscc: 'A', period: '2018', rating: '绿色' as const },
      { uscc: 'B', period: '2018', rating: '黄色' as const },
    ]);
    expect(latest.get('A')?.period).toBe('2019-H2');
    expect(latest.get('B')?.rating).toBe('黄色');
    expect(ratingChange('蓝色', '红色')).toBe('downgraded');
    expect(ratingChange('黄色', '绿色')).toBe('upgraded');
    expect(ratingChange('蓝色', '蓝色')).toBe('unchanged');
    expect(ratingChange(undefined, '蓝色')).toBe('new');
  });
});
