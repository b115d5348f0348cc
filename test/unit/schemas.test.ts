import { describe, expect, it } from 'vitest';
import { problems } from '../../src/schemas/problems.ts';
import { creditRatings, ratingForScore } from '../../src/schemas/credit-ratings.ts';
import { columnMeta } from '../../src/schemas/columns.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { columnNames } from '../../src/schemas/table.ts';

/** A raw CSV row: every column empty, then the cells this test sets (so a new column needs no edit here). */
const raw = {
  ...Object.fromEntries(columnNames(problems).map((c) => [c, ''])),
  id: 'GS-2019-001',
  reported: '2019-03-01',
  source_type: '信访举报',
  village: '',
  location: '某河',
  categories: '水;大气',
  title: '河道发黑',
  description: '群众反映。',
  verified: '属实',
  enterprise: '',
  responsible: '环保办',
  deadline: '2019-06-30',
  status: '已整改',
  closed: '2019-05-01',
  measures: '',
  penalty: '',
  fine_wan: '2.5',
  source_url: 'https://example.org/p',
};

describe('table schemas', () => {
  it('parse a raw CSV row into typed values with zod itself', () => {
    const r = problems.schema.parse(raw);
    expect(r).toMatchObject({ categories: ['水', '大气'], fine_wan: 2.5, village: undefined, status: '已整改' });
  });

  it('report a bad cell through zod with its stable code and Chinese message', () => {
    const r = problems.schema.safeParse({ ...raw, status: '已完成', fine_wan: '2.5万' });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), (i as { params?: { code?: string } }).params?.code, i.message]);
    expect(issues).toEqual([
      ['status', 'E031', '“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）'],
      ['fine_wan', 'E033', '“2.5万”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）'],
    ]);
  });

  it('give every column a Chinese title and description', () => {
    for (const t of ALL_TABLES) {
      for (const c of columnNames(t)) {
        const m = columnMeta(t.schema.shape[c]!);
        expect(m.title, `${t.name}.${c}`).toMatch(/[\u4e00-\u9fff]/);
        expect(m.description.length, `${t.name}.${c}`).toBeGreaterThan(3);
      }
    }
  });

  it('map scores to the five colours of the 12-point scale', () => {
    expect([12, 11, 10, 6, 5, 3, 2, 1, 0, -3].map(ratingForScore)).toEqual(['绿色', '绿色', '蓝色', '蓝色', '黄色', '黄色', '红色', '红色', '黑色', '黑色']);
    expect(creditRatings.rules?.({ score: 8, rating: '红色' } as never)[0]?.code).toBe('E074');
  });
});
