import { describe, expect, it } from 'vitest';
import { noticeLists, recentSince, type NoticeProblem } from '../../src/lib/notice.ts';
import { lateness } from '../../src/lib/problems.ts';
import { qrSvg } from '../../src/lib/publishing/qr.ts';
import { periodLabel } from '../../src/lib/dates.ts';

const TODAY = '2020-01-15';
const p = (id: string, status: string, deadline: string, closed = ''): NoticeProblem => {
  const late = lateness({ status: status as '待整改', deadline, closed }, TODAY);
  return { id, status, deadline, closed, late, overdue: late === '逾期未完成' };
};

describe('the noticeboard lists', () => {
  it('dates "recently closed" from the same day twelve months before, short months falling back', () => {
    expect(recentSince('2020-01-15')).toBe('2019-01-15');
    expect(recentSince('2020-02-29')).toBe('2019-02-28');
    expect(recentSince('2020-03-31', 1)).toBe('2020-02-29');
    expect(recentSince('2020-12-01', 11)).toBe('2020-01-01');
  });

  it('puts overdue unfinished problems first, by deadline, and keeps closed problems of the last twelve months, newest first', () => {
    const all = [
      p('A', '待整改', '2020-06-01'),
      p('B', '整改中', '2019-12-01'),
      p('C', '待整改', ''),
      p('D', '整改中', '2019-03-01'),
      p('E', '已销号', '2019-05-01', '2019-04-01'),
      p('F', '已整改', '2019-05-01', '2019-07-01'),
      p('G', '已销号', '2018-05-01', '2019-01-14'),
      p('H', '已销号', '2019-05-01', '2019-01-15'),
    ];
    const l = noticeLists(all, TODAY);
    expect(l.unfinished.shown.map((x) => x.id)).toEqual(['D', 'B', 'A', 'C']);
    expect(l.overdue).toBe(2);
    expect(l.closed.shown.map((x) => x.id)).toEqual(['F', 'E', 'H']);
    expect(l.since).toBe('2019-01-15');
  });

  it('cuts long lists and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => p(`P${String(i).padStart(2, '0')}`, '待整改', '2019-06-01'));
    const l = noticeLists(many, TODAY, { unfinished: 12, closed: 8 });
    expect(l.unfinished.shown).toHaveLength(12);
    expect(l.unfinished.more).toBe(18);
    expect(l.overdue).toBe(30);
    expect(noticeLists(many.slice(0, 12), TODAY, { unfinished: 12, closed: 8 }).unfinished.more).toBe(0);
  });
});

describe('the QR code', () => {
  it('is an SVG image with a text alternative, escaped, and grows with the text', () => {
    const svg = qrSvg('https://example.org/a/', '扫码打开 <北村> & "x"');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="扫码打开 &lt;北村&gt; &amp; &quot;x&quot;"/);
    expect(svg).toContain('<title>扫码打开 &lt;北村&gt; &amp; &quot;x&quot;</title>');
    const size = (s: string) => Number(/viewBox="0 0 (\d+) /.exec(s)![1]);
    // Version 1 is 21 modules, plus a quiet zone of 4 on each side.
    expect(size(qrSvg('a', 'x'))).toBe(29);
    expect(size(qrSvg(`https://example.org/${'x'.repeat(80)}/`, 'x'))).toBeGreaterThan(29);
  });
});

describe('period names', () => {
  it('says a period the way readers do, and leaves anything else alone', () => {
    expect(periodLabel('2019')).toBe('2019年度');
    expect(periodLabel('2019-H1')).toBe('2019年上半年');
    expect(periodLabel('2019-H2')).toBe('2019年下半年');
    expect(periodLabel('2019-Q3')).toBe('2019-Q3');
  });
});
