import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/validation/csv.ts';
import { FIXTURE_DATA } from '../helpers/paths.ts';
import { problems } from '../../src/schemas/problems.ts';
import { ALL_TABLES, DATA_TABLE_NAMES, tableTitle } from '../../src/schemas/index.ts';
import { INDICATOR_PROGRESS } from '../../src/lib/indicator-progress.ts';
import { columnMetaOf, columnNames } from '../../src/schemas/table.ts';

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
  it('parse a raw CSV row into typed values, cell by cell', () => {
    const r = Object.fromEntries(Object.entries(raw).map(([c, v]) => [c, columnMetaOf(problems, c)!.parse(v)]));
    expect(Object.values(r).every((x) => x.ok)).toBe(true);
    expect(Object.fromEntries(Object.entries(r).map(([c, x]) => [c, x.ok ? x.value : x]))).toMatchObject({
      categories: ['水', '大气'],
      fine_wan: 2.5,
      village: undefined,
      status: '已整改',
    });
  });

  it('report a bad cell with its stable code and Chinese message', () => {
    expect(problems.columns.status.parse('已完成')).toEqual({
      ok: false,
      code: 'E031',
      message: '“已完成”不是允许的值（允许：待整改、整改中、已整改、已销号）',
    });
    expect(problems.columns.fine_wan.parse('2.5万')).toEqual({
      ok: false,
      code: 'E033',
      message: '“2.5万”不是数字（允许：数字，0 到 100000（单位：万元）；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）',
    });
  });

  it('give every column a Chinese title and description', () => {
    for (const t of ALL_TABLES) {
      for (const c of columnNames(t)) {
        const m = columnMetaOf(t, c)!;
        expect(m.title, `${t.name}.${c}`).toMatch(/[\u4e00-\u9fff]/);
        expect(m.description.length, `${t.name}.${c}`).toBeGreaterThan(3);
      }
    }
  });

  it("keep each column's metadata and its parser in agreement", () => {
    for (const t of ALL_TABLES) {
      const { rows } = parseCsv(readFileSync(join(FIXTURE_DATA, `${t.name}.csv`), 'utf8'));
      const header = rows[0]!.cells;
      for (const c of columnNames(t)) {
        const m = columnMetaOf(t, c)!;
        const at = `${t.name}.${c}`;
        // Empty: refused exactly when required.
        expect(m.parse(''), at).toEqual(m.required ? { ok: false, code: 'E030', message: `不能为空（必填：${m.title}）` } : { ok: true, value: undefined });
        // Every allowed value is accepted.
        for (const v of m.enum ?? []) expect(m.parse(v).ok, `${at} ${v}`).toBe(true);
        if (m.minimum !== undefined) expect(m.parse(String(m.minimum)).ok, at).toBe(true);
        if (m.maximum !== undefined) {
          expect(m.parse(String(m.maximum)).ok, at).toBe(true);
          expect(m.parse(String(m.maximum + 1)).ok, at).toBe(false);
        }
        if (m.maxLength !== undefined) expect(m.parse('a'.repeat(m.maxLength + 1)).ok, at).toBe(false);
        // Every value the fixture holds (valid data) is accepted and within what the metadata publishes.
        const k = header.indexOf(c);
        for (const row of rows.slice(1)) {
          const raw = row.cells[k] ?? '';
          expect(m.parse(raw).ok, `${at} ${raw}`).toBe(true);
          if (raw === '') continue;
          const items = m.list ? raw.split(';') : [raw];
          for (const item of items) {
            if (m.enum) expect(m.enum, `${at} ${item}`).toContain(item);
            if (m.pattern && !m.list) expect(item, at).toMatch(new RegExp(m.pattern));
          }
          if (m.maxLength !== undefined) expect(raw.length, at).toBeLessThanOrEqual(m.maxLength);
          if (m.minimum !== undefined) expect(Number(raw), at).toBeGreaterThanOrEqual(m.minimum);
          if (m.maximum !== undefined) expect(Number(raw), at).toBeLessThanOrEqual(m.maximum);
        }
      }
    }
  });
});

describe('table names', () => {
  it('gives every table the build knows a Chinese name, one each (tableTitle: the change log, feeds, /data/)', () => {
    const names = [...new Set([...DATA_TABLE_NAMES, ...ALL_TABLES.map((t) => t.name)])];
    expect(names).toContain('datasets');
    const titles = names.map(tableTitle);
    for (const [i, title] of titles.entries()) expect(title, names[i]).toMatch(/^[\p{Script=Han}（）]+$/u);
    expect(new Set(titles).size).toBe(names.length);
    expect([tableTitle('datasets'), tableTitle('problems'), tableTitle('credit-ratings')]).toEqual(['数据集说明', '问题清单', '信用评价']);
    // A table derived from them is named by its own declaration.
    expect(INDICATOR_PROGRESS.package?.title).toMatch(/^[\p{Script=Han}（）]+$/u);
  });
});
