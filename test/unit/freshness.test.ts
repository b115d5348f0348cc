import { describe, expect, it } from 'vitest';
import { addMonths, wholeMonthsBetween } from '../../src/lib/dates.ts';
import { freshness, observationsStopped } from '../../src/lib/freshness.ts';
import { UPDATE_FREQUENCIES } from '../../src/schemas/enums.ts';
import { datasets } from '../../src/schemas/datasets.ts';

describe('month arithmetic', () => {
  it('adds months within the month’s length, across years and backwards', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', -24)).toBe('2024-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('counts whole months only', () => {
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-01-10', '2026-02-09')).toBe(0);
    expect(wholeMonthsBetween('2025-10-03', '2026-01-15')).toBe(3);
    expect(wholeMonthsBetween('2026-02-01', '2026-01-15')).toBe(0);
  });
});

describe('a dataset’s freshness', () => {
  it('is overdue the day after its period ran out, and says so with the months since', () => {
    expect(freshness('每月', '2025-10-03', '2026-01-15')).toMatchObject({
      overdue: true,
      due: '2025-11-03',
      monthsSince: 3,
      text: '按规定每月更新，已 3 个月未更新',
    });
    expect(freshness('每月', '2025-12-15', '2026-01-15')).toMatchObject({ overdue: false, text: '按规定每月更新，下次更新应在 2026年1月15日 之前' });
    expect(freshness('每月', '2025-12-15', '2026-01-16').overdue).toBe(true);
    expect(freshness('每半年', '2025-07-20', '2026-01-15').overdue).toBe(false);
    expect(freshness('每半年', '2025-07-14', '2026-01-15')).toMatchObject({ overdue: true, text: '按规定每半年更新，已 6 个月未更新' });
    expect(freshness('每季度', '2025-10-01', '2026-01-15')).toMatchObject({ overdue: true, text: '按规定每季度更新，已 3 个月未更新' });
    expect(freshness('每年', '2025-01-16', '2026-01-15').overdue).toBe(false);
  });
  it('never falls due for 不定期 and the other frequencies without a period', () => {
    for (const f of ['不定期', '计划调整时更新', '政策调整时更新'] as const) {
      expect(freshness(f, '2000-01-01', '2026-01-15')).toMatchObject({ overdue: false, due: undefined, text: `${f}，没有固定的更新期限` });
    }
  });
  it('claims nothing without a commit date', () => {
    expect(freshness('每月', undefined, '2026-01-15')).toMatchObject({
      overdue: false,
      text: '按规定每月更新；最近一次更新的日期不明，无法判断是否按时',
    });
  });
  it('gives every frequency a meaning the build can compute, and datasets.csv accepts only these', () => {
    for (const f of UPDATE_FREQUENCIES) expect(freshness(f, '2025-01-01', '2026-01-15').text).toMatch(/更新|期限/);
    const column = datasets.columns.update_frequency;
    expect(column.parse('每月')).toMatchObject({ ok: true });
    const bad = column.parse('每两周');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.message).toBe('“每两周”不是允许的值（允许：每月、每季度、每半年、每年、不定期、计划调整时更新、政策调整时更新）');
  });
});

describe('an indicator whose observations stopped', () => {
  it('is marked when the value of the last period that ended a period ago is missing', () => {
    // January 2026: the value of 2024 is due (2025's may take until the end of 2026).
    expect(observationsStopped('每年', '2024-12-31', '2030-12-31', '2026-01-15')).toBe(false);
    expect(observationsStopped('每年', '2023-12-31', '2030-12-31', '2026-01-15')).toBe(true);
    expect(observationsStopped('每年', undefined, '2030-12-31', '2026-01-15')).toBe(true);
  });
  it('needs no value after its deadline', () => {
    expect(observationsStopped('每年', '2020-12-31', '2020-12-31', '2026-01-15')).toBe(false);
    expect(observationsStopped('每年', '2019-12-31', '2020-12-31', '2026-01-15')).toBe(true);
    // The deadline's own value has a year to be published.
    expect(observationsStopped('每年', '2024-12-31', '2025-12-31', '2026-01-15')).toBe(false);
    expect(observationsStopped('每年', '2019-12-31', '2025-12-31', '2026-01-15')).toBe(true);
  });
  it('is never marked without a period', () => {
    expect(observationsStopped('不定期', undefined, '2030-12-31', '2026-01-15')).toBe(false);
  });
});
