import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery, isOverdue, matches, newestFirst, sortRows, summarise, type IndexRow } from '../../src/lib/problems.ts';

const P = [
  { id: 'GS-2017-001', reported: '2017-03-01', status: '已销号' as const, deadline: '2017-05-01', categories: ['水'], source_type: '信访举报', village: 'a' },
  { id: 'GS-2019-002', reported: '2019-05-01', status: '整改中' as const, deadline: '2019-08-31', categories: ['水', '大气'], source_type: '媒体曝光', village: 'b' },
  { id: 'GS-2019-003', reported: '2019-06-01', status: '待整改' as const, deadline: '2027-01-31', categories: ['噪声'], source_type: '网格巡查', village: undefined },
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

describe('summary', () => {
  it('counts by status, category, source type and year', () => {
    const s = summarise(P, '2026-01-15');
    expect(s.total).toBe(4);
    expect(s.overdue).toBe(1);
    expect(s.byStatus).toEqual([['待整改', 2], ['整改中', 1], ['已整改', 0], ['已销号', 1]]);
    expect(s.byCategory.filter(([, n]) => n > 0)).toEqual([['水', 2], ['大气', 1], ['固废', 1], ['噪声', 1]]);
    expect(s.bySource.find(([k]) => k === '网格巡查')).toEqual(['网格巡查', 2]);
    expect(s.byYear).toEqual([['2017', 1], ['2019', 3]]);
  });
  it('orders newest first, stably', () => {
    expect(newestFirst(P).map((p) => p.id)).toEqual(['GS-2019-004', 'GS-2019-003', 'GS-2019-002', 'GS-2017-001']);
  });
});

describe('filtering', () => {
  const rows: IndexRow[] = P.map((p) => ({ id: p.id, reported: p.reported, status: p.status, categories: p.categories, source: p.source_type, village: p.village ?? '', villageName: p.village === 'a' ? '红豆村' : '', title: `问题 ${p.id}`, deadline: p.deadline ?? '', overdue: false }));
  it('combines filters (any value within a field, all fields together) and a text filter', () => {
    expect(rows.filter((r) => matches(r, { status: ['待整改'] })).map((r) => r.id)).toEqual(['GS-2019-003', 'GS-2019-004']);
    expect(rows.filter((r) => matches(r, { status: ['待整改'], village: ['a'] })).map((r) => r.id)).toEqual(['GS-2019-004']);
    expect(rows.filter((r) => matches(r, { category: ['大气', '噪声'] })).map((r) => r.id)).toEqual(['GS-2019-002', 'GS-2019-003']);
    expect(rows.filter((r) => matches(r, { year: ['2017'] })).map((r) => r.id)).toEqual(['GS-2017-001']);
    expect(rows.filter((r) => matches(r, { q: '红豆' })).map((r) => r.id)).toEqual(['GS-2017-001', 'GS-2019-004']);
    expect(rows.filter((r) => matches(r, { q: 'gs-2019-002' })).map((r) => r.id)).toEqual(['GS-2019-002']);
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
