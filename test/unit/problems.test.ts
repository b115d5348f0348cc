import { describe, expect, it } from 'vitest';
import {
  filterFromQuery,
  filterToQuery,
  isOverdue,
  lateness,
  matches,
  newestFirst,
  sortRows,
  summarise,
  timelinessText,
  type IndexRow,
  type ProblemLike,
} from '../../src/lib/problems.ts';

const P: ProblemLike[] = [
  {
    id: 'GS-2017-001',
    reported: '2017-03-01',
    status: '已销号' as const,
    deadline: '2017-05-01',
    closed: '2017-06-20',
    categories: ['水'],
    source_type: '信访举报',
    village: 'a',
  },
  {
    id: 'GS-2019-002',
    reported: '2019-05-01',
    status: '整改中' as const,
    deadline: '2019-08-31',
    categories: ['水', '大气'],
    source_type: '媒体曝光',
    village: 'b',
  },
  {
    id: 'GS-2019-003',
    reported: '2019-06-01',
    status: '待整改' as const,
    deadline: '2027-01-31',
    categories: ['噪声'],
    source_type: '网格巡查',
    village: undefined,
  },
  { id: 'GS-2019-004', reported: '2019-06-01', status: '待整改' as const, deadline: undefined, categories: ['固废'], source_type: '网格巡查', village: 'a' },
];

describe('overdue', () => {
  it('flags open problems whose deadline has passed, as of the injected date', () => {
    expect(P.map((p) => isOverdue(p, '2026-01-15'))).toEqual([false, true, false, false]);
    expect(isOverdue(P[1]!, '2019-08-31')).toBe(false);
    expect(isOverdue(P[1]!, '2019-09-01')).toBe(true);
    expect(isOverdue(P[2]!, '2027-02-01')).toBe(true);
  });
});

describe('was it fixed, on time? (as of an injected date)', () => {
  const closedOnTime = { status: '已整改' as const, deadline: '2018-10-31', closed: '2018-10-31' };
  const closedLate = { status: '已销号' as const, deadline: '2018-10-31', closed: '2018-12-20' };
  const open = { status: '整改中' as const, deadline: '2019-04-30' };
  it('flags 逾期完成 (closed after the deadline) and 逾期未完成 (open past it)', () => {
    expect(lateness(closedLate, '2026-01-15')).toBe('逾期完成');
    expect(lateness(closedOnTime, '2026-01-15')).toBe('');
    expect(lateness(open, '2019-04-30')).toBe('');
    expect(lateness(open, '2019-05-01')).toBe('逾期未完成');
    expect(lateness({ status: '待整改', deadline: undefined }, '2030-01-01')).toBe('');
    expect(lateness({ status: '已整改', deadline: undefined, closed: '2019-01-01' }, '2030-01-01')).toBe('');
    // A closed problem stays 逾期完成 whatever the date; it never becomes 逾期未完成.
    expect(lateness(closedLate, '2018-11-01')).toBe('逾期完成');
    expect(P.map((p) => lateness(p, '2026-01-15'))).toEqual(['逾期完成', '逾期未完成', '', '']);
    expect(P.map((p) => lateness(p, '2027-02-01'))).toEqual(['逾期完成', '逾期未完成', '逾期未完成', '']);
  });
  it('says it in words, with the days', () => {
    expect(timelinessText(closedLate, '2026-01-15')).toBe('逾期完成：整改期限是 2018-10-31，2018-12-20 才完成，晚了 50 天。');
    expect(timelinessText(closedOnTime, '2026-01-15')).toBe('按期完成：2018-10-31 完成整改，在整改期限 2018-10-31 之前（当天）。');
    expect(timelinessText(open, '2019-05-10')).toBe('逾期未完成：整改期限 2019-04-30 已过，仍未完成整改。');
    // The same words a year later: a record page says whether, never how many days (those change daily).
    expect(timelinessText(open, '2020-05-10')).toBe(timelinessText(open, '2019-05-10'));
    expect(timelinessText(open, '2019-04-20')).toBe('尚未完成整改；整改期限是 2019-04-30，尚未到期。');
    expect(timelinessText({ status: '待整改', deadline: undefined }, '2019-04-20')).toBe('尚未完成整改；没有规定整改期限。');
    expect(timelinessText({ status: '已销号', deadline: undefined, closed: '2019-01-02' }, '2019-04-20')).toBe('2019-01-02 完成整改；没有规定整改期限。');
  });
  it('counts the problems closed late in the summary', () => {
    expect(summarise(P, '2026-01-15').closedLate).toBe(1);
  });
});

describe('summary', () => {
  it('counts by status, category, source type and year', () => {
    const s = summarise(P, '2026-01-15');
    expect(s.total).toBe(4);
    expect(s.overdue).toBe(1);
    expect(s.byStatus).toEqual([
      ['待整改', 2],
      ['整改中', 1],
      ['已整改', 0],
      ['已销号', 1],
    ]);
    expect(s.byCategory.filter(([, n]) => n > 0)).toEqual([
      ['水', 2],
      ['大气', 1],
      ['固废', 1],
      ['噪声', 1],
    ]);
    expect(s.bySource.find(([k]) => k === '网格巡查')).toEqual(['网格巡查', 2]);
    expect(s.byYear).toEqual([
      ['2017', 1],
      ['2019', 3],
    ]);
  });
  it('orders newest first, stably', () => {
    expect(newestFirst(P).map((p) => p.id)).toEqual(['GS-2019-004', 'GS-2019-003', 'GS-2019-002', 'GS-2017-001']);
  });
});

describe('filtering', () => {
  const rows: IndexRow[] = P.map((p) => ({
    id: p.id,
    reported: p.reported,
    status: p.status,
    categories: p.categories,
    source: p.source_type,
    village: p.village ?? '',
    villageName: p.village === 'a' ? '红豆村' : '',
    title: `问题 ${p.id}`,
    deadline: p.deadline ?? '',
    closed: p.closed ?? '',
    overdue: isOverdue(p, '2026-01-15'),
    late: lateness(p, '2026-01-15'),
  }));
  it('combines filters (any value within a field, all fields together) and a text filter', () => {
    expect(rows.filter((r) => matches(r, { status: ['待整改'] })).map((r) => r.id)).toEqual(['GS-2019-003', 'GS-2019-004']);
    expect(rows.filter((r) => matches(r, { status: ['待整改'], village: ['a'] })).map((r) => r.id)).toEqual(['GS-2019-004']);
    expect(rows.filter((r) => matches(r, { category: ['大气', '噪声'] })).map((r) => r.id)).toEqual(['GS-2019-002', 'GS-2019-003']);
    expect(rows.filter((r) => matches(r, { year: ['2017'] })).map((r) => r.id)).toEqual(['GS-2017-001']);
    expect(rows.filter((r) => matches(r, { q: '红豆' })).map((r) => r.id)).toEqual(['GS-2017-001', 'GS-2019-004']);
    expect(rows.filter((r) => matches(r, { q: 'gs-2019-002' })).map((r) => r.id)).toEqual(['GS-2019-002']);
  });
  it('filters all unfinished problems (未完成) and the late ones (逾期, 逾期未完成, 逾期完成)', () => {
    expect(rows.filter((r) => matches(r, { status: ['未完成'] })).map((r) => r.id)).toEqual(['GS-2019-002', 'GS-2019-003', 'GS-2019-004']);
    expect(rows.filter((r) => matches(r, { late: ['逾期'] })).map((r) => r.id)).toEqual(['GS-2017-001', 'GS-2019-002']);
    expect(rows.filter((r) => matches(r, { late: ['逾期完成'] })).map((r) => r.id)).toEqual(['GS-2017-001']);
    expect(rows.filter((r) => matches(r, { late: ['逾期未完成'] })).map((r) => r.id)).toEqual(['GS-2019-002']);
    expect(rows.filter((r) => matches(r, { status: ['未完成'], late: ['逾期'] })).map((r) => r.id)).toEqual(['GS-2019-002']);
    expect(filterFromQuery(new URLSearchParams('late=%E9%80%BE%E6%9C%9F&status=%E6%9C%AA%E5%AE%8C%E6%88%90'))).toEqual({ late: ['逾期'], status: ['未完成'] });
  });
  it('sorts every column both ways', () => {
    expect(sortRows(rows, 'deadline', 'asc').map((r) => r.id)).toEqual(['GS-2019-004', 'GS-2017-001', 'GS-2019-002', 'GS-2019-003']);
    expect(sortRows(rows, 'status', 'desc')[0]?.id).toBe('GS-2017-001');
  });
  it('round-trips the filter state through the URL', () => {
    const q = filterToQuery({ status: ['整改中', '待整改'], village: ['a'], q: '河', sort: 'deadline', dir: 'asc' });
    expect(q).toBe('status=%E6%95%B4%E6%94%B9%E4%B8%AD&status=%E5%BE%85%E6%95%B4%E6%94%B9&village=a&q=%E6%B2%B3&sort=deadline&dir=asc');
    expect(filterFromQuery(new URLSearchParams(q))).toEqual({ status: ['整改中', '待整改'], village: ['a'], q: '河', sort: 'deadline', dir: 'asc' });
  });
});
