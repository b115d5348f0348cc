import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeProgress, scoreboard, SCORE_STATUSES, type IndicatorTarget } from '../../src/lib/progress.ts';
import { SCORE_DISPLAY } from '../../src/lib/display.ts';

const level: IndicatorTarget = { kind: 'level', comparator: '>=', target: 20, target_date: '2017-12-31', unit: '%' };
const below: IndicatorTarget = {
  kind: 'level',
  comparator: '<=',
  target: 50,
  target_date: '2018-12-31',
  baseline: 70,
  baseline_date: '2016-12-31',
  unit: '微克/立方米',
};
const milestone: IndicatorTarget = { kind: 'milestone', target_date: '2017-12-31', unit: '%' };
const count: IndicatorTarget = { kind: 'count', comparator: '>=', target: 49, target_date: '2017-12-31', unit: '个' };

describe('computeProgress', () => {
  it('has no data without observations, before and after the deadline', () => {
    expect(computeProgress(level, [], '2017-06-01')).toMatchObject({
      status: '暂无数据',
      explanation: '目标 ≥ 20%（期限 2017-12-31）；还没有观测数据；暂无数据',
    });
    expect(computeProgress(level, [], '2019-01-01')).toMatchObject({ status: '暂无数据', atDeadline: '暂无数据', result: '暂无数据' });
  });

  it('says plainly how long a deadline has passed without any data', () => {
    expect(computeProgress(level, [], '2018-06-01').explanation).toBe('目标 ≥ 20%（期限 2017-12-31）；期限已过，仍没有任何观测数据；暂无数据');
    expect(computeProgress(level, [], '2026-01-15').explanation).toBe('目标 ≥ 20%（期限 2017-12-31）；期限已过去 8 年，仍没有任何观测数据；暂无数据');
    expect(computeProgress(level, [], '2025-12-31').explanation).toContain('期限已过去 8 年');
  });

  it('says met when the latest value reaches the target, with the numbers in words', () => {
    const p = computeProgress(
      level,
      [
        { date: '2016', value: 19 },
        { date: '2017', value: 21.3 },
      ],
      '2026-01-15',
    );
    expect(p).toMatchObject({ status: '已达标', atDeadline: '已达标', nuance: undefined });
    expect(p.explanation).toBe('目标 ≥ 20%（期限 2017-12-31）；截至 2017 实际 21.3%，期限时已达标；已达标');
  });

  it('says missed when the deadline passed unmet', () => {
    const p = computeProgress(level, [{ date: '2017', value: 18 }], '2026-01-15');
    expect(p).toMatchObject({ status: '未达标', atDeadline: '未达标', nuance: undefined });
  });

  it('says met late, and met but since slipped', () => {
    const late = computeProgress(
      level,
      [
        { date: '2017', value: 18 },
        { date: '2019', value: 22 },
      ],
      '2026-01-15',
    );
    expect(late).toMatchObject({ status: '已达标', atDeadline: '未达标', nuance: 'met-late' });
    expect(late.explanation).toBe('目标 ≥ 20%（期限 2017-12-31）；截至 2017 实际 18%，期限时未达标；最新 2019 实际 22%；逾期达标');
    const slipped = computeProgress(
      level,
      [
        { date: '2017-12', value: 20.5 },
        { date: '2018', value: 19.1 },
      ],
      '2026-01-15',
    );
    expect(slipped).toMatchObject({ status: '未达标', atDeadline: '已达标', nuance: 'slipped' });
    expect(slipped.explanation.endsWith('曾达标，后回落，现未达标')).toBe(true);
  });

  it('draws the straight line from the baseline to the target before the deadline', () => {
    // Baseline 70 at end of 2016, target ≤ 50 at end of 2018: by end of 2017 the line is at about 60.
    expect(computeProgress(below, [{ date: '2017-12-31', value: 59 }], '2018-03-01')).toMatchObject({ status: '进度正常' });
    expect(computeProgress(below, [{ date: '2017-12-31', value: 62 }], '2018-03-01')).toMatchObject({ status: '进度滞后' });
    expect(computeProgress(below, [{ date: '2018-06-30', value: 49 }], '2018-07-01')).toMatchObject({ status: '已达标' });
    expect(computeProgress(below, [{ date: '2019', value: 55 }], '2026-01-15')).toMatchObject({ status: '未达标' });
  });

  it('uses the first observation as baseline when none is given, so one observation is on track', () => {
    expect(computeProgress(count, [{ date: '2017-03', value: 10 }], '2017-04-01')).toMatchObject({ status: '进度正常', expected: 10 });
    const p = computeProgress(
      count,
      [
        { date: '2017-01', value: 10 },
        { date: '2017-07', value: 20 },
      ],
      '2017-08-01',
    );
    // Line from 10 (end of Jan) to 49 (end of Dec): at the end of July about 31.3, so 20 is behind.
    expect(p.status).toBe('进度滞后');
    expect(p.expected).toBeCloseTo(31.3, 0);
  });

  it('treats milestones as completion shares met at 100 %', () => {
    expect(computeProgress(milestone, [{ date: '2017-12', value: 100 }], '2026-01-15')).toMatchObject({ status: '已达标', target: 100 });
    expect(computeProgress(milestone, [{ date: '2017-12', value: 90 }], '2026-01-15')).toMatchObject({ status: '未达标' });
    expect(
      computeProgress(
        milestone,
        [
          { date: '2017-12', value: 90 },
          { date: '2018-05', value: 100 },
        ],
        '2026-01-15',
      ),
    ).toMatchObject({ status: '已达标', nuance: 'met-late' });
  });

  it('counts a year or month observation as of its last day', () => {
    // "2017" ends on 2017-12-31, which is the deadline: it counts for the deadline verdict.
    expect(computeProgress(level, [{ date: '2017', value: 25 }], '2018-01-01').atDeadline).toBe('已达标');
    expect(computeProgress(level, [{ date: '2018-01', value: 25 }], '2018-02-01').atDeadline).toBe('暂无数据');
  });
});

describe('the scoreboard', () => {
  const obs = (...pairs: Array<[string, number]>) => pairs.map(([date, value]) => ({ date, value }));
  const cases = {
    onTime: computeProgress(level, obs(['2017', 21], ['2019', 22]), '2026-01-15'),
    early: computeProgress({ ...level, target_date: '2030' }, obs(['2020', 25]), '2026-01-15'),
    late: computeProgress(level, obs(['2017', 18], ['2019', 22]), '2026-01-15'),
    lateNoData: computeProgress(level, obs(['2019', 22]), '2026-01-15'),
    slipped: computeProgress(level, obs(['2017', 21], ['2019', 19]), '2026-01-15'),
    missed: computeProgress(level, obs(['2017', 18], ['2019', 19]), '2026-01-15'),
    onTrack: computeProgress(count, obs(['2017-03', 10]), '2017-04-01'),
    behind: computeProgress(count, obs(['2017-01', 10], ['2017-07', 20]), '2017-08-01'),
    noData: computeProgress(level, [], '2026-01-15'),
  };

  it('puts each indicator in exactly one class, met late apart from met on time', () => {
    expect(Object.fromEntries(Object.entries(cases).map(([k, p]) => [k, p.result]))).toEqual({
      onTime: '按期达标',
      early: '按期达标',
      late: '逾期达标',
      lateNoData: '逾期达标',
      slipped: '达标后回落',
      missed: '未达标',
      onTrack: '进度正常',
      behind: '进度滞后',
      noData: '暂无数据',
    });
  });

  it('counts every class apart and heads with the verdicts at the deadline', () => {
    const board = scoreboard(Object.values(cases));
    expect(board.total).toBe(9);
    expect(board.counts).toEqual([
      ['按期达标', 2],
      ['逾期达标', 2],
      ['达标后回落', 1],
      ['未达标', 1],
      ['进度正常', 1],
      ['进度滞后', 1],
      ['暂无数据', 1],
    ]);
    // No second count of "met" beside the classes: the headline is the class 按期达标 (one vocabulary).
    expect(Object.keys(board).sort()).toEqual(['counts', 'deadlinePassed', 'stopped', 'total']);
    expect(board.deadlinePassed).toBe(6);
    // Indicators whose observations stopped are counted apart, as given (src/lib/freshness.ts judges them).
    expect(board.stopped).toBe(0);
    expect(scoreboard(Object.values(cases), 2).stopped).toBe(2);
  });

  it('gives every class its own icon, class and page, late never looking like on time', () => {
    for (const key of ['icon', 'cls', 'slug'] as const) {
      expect(new Set(SCORE_STATUSES.map((s) => SCORE_DISPLAY[s][key])).size, key).toBe(SCORE_STATUSES.length);
    }
  });
});

describe('the status badges', () => {
  const css = readFileSync(new URL('../../src/components/ProgressBadge.astro', import.meta.url), 'utf8');
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
      number,
      number,
      number,
    ];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const colours = (cls: string) => {
    const rule = new RegExp(`\\.progress-${cls} \\{\\s*background: (#[0-9a-f]{6});\\s*color: (#[0-9a-f]{6})`).exec(css);
    expect(rule, cls).not.toBeNull();
    return { bg: rule![1]!, fg: rule![2]! };
  };

  it('has its own AA-contrast colours for every class, met late not in the on-time colours', () => {
    for (const s of SCORE_STATUSES) {
      const { bg, fg } = colours(SCORE_DISPLAY[s].cls);
      const [hi, lo] = [lum(bg), lum(fg)].sort((a, b) => b - a) as [number, number];
      expect((hi + 0.05) / (lo + 0.05), s).toBeGreaterThanOrEqual(4.5);
    }
    expect(colours('met-late')).not.toEqual(colours('met'));
    expect(new Set(SCORE_STATUSES.map((s) => colours(SCORE_DISPLAY[s].cls).bg)).size).toBe(SCORE_STATUSES.length);
  });
});
