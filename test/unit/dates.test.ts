import { describe, expect, it } from 'vitest';
import {
  chinaDay,
  comparePeriods,
  dayMs,
  dayOf,
  daysBetween,
  daysInMonth,
  endOfPartialDate,
  isoDate,
  isRealDate,
  periodLabel,
  timeOf,
  workingDaysBetween,
} from '../../src/lib/dates.ts';

describe('dates: the one module of date rules', () => {
  it('knows the length of each month, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2018, 6)).toBe(30);
    expect(daysInMonth(2018, 12)).toBe(31);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(endOfPartialDate('2024-02')).toBe('2024-02-29');
  });

  it('orders rating periods in time: a year before its halves, halves before the next year', () => {
    expect(['2020', '2019-H2', '2019', '2019-H1', '2018'].sort(comparePeriods)).toEqual(['2018', '2019', '2019-H1', '2019-H2', '2020']);
    expect(comparePeriods('2019-H1', '2019-H1')).toBe(0);
  });

  it('says periods as readers do', () => {
    expect(periodLabel('2019')).toBe('2019年度');
    expect(periodLabel('2019-H1')).toBe('2019年上半年');
    expect(periodLabel('2019-H2')).toBe('2019年下半年');
    expect(periodLabel('2019-H3')).toBe('2019-H3');
  });

  it('counts days between days as UTC midnights, whatever the machine’s zone', () => {
    expect(dayMs('1970-01-02')).toBe(86_400_000);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    // 2024-03-01 is a Friday: the weekend is not counted.
    expect(workingDaysBetween('2024-03-01', '2024-03-04')).toBe(1);
  });

  it('places a partial date at the end of the time it covers', () => {
    expect(timeOf('2017')).toBe(Date.UTC(2017, 11, 31));
    expect(timeOf('2018-06')).toBe(Date.UTC(2018, 5, 30));
    expect(timeOf('2018-06-03')).toBe(Date.UTC(2018, 5, 3));
  });

  it('reads the day of a date-time in its own offset, in UTC, or in China time', () => {
    const iso = '2024-03-01T23:30:00-02:00';
    expect(dayOf(iso)).toBe('2024-03-01');
    expect(isoDate(new Date(iso))).toBe('2024-03-02');
    expect(chinaDay(iso)).toBe('2024-03-02');
    expect(chinaDay('2024-03-01T16:30:00Z')).toBe('2024-03-02');
    expect(chinaDay('not a date')).toBeUndefined();
  });
});
