import { describe, expect, it } from 'vitest';
import {
  asksPagefind,
  asksRecords,
  EVERYDAY_WORDS,
  matchTier,
  mergeByTier,
  nearVillages,
  normaliseName,
  oneEditApart,
  planQuery,
  rankByMatch,
  recordTier,
  searchRounds,
  synonymVariants,
  SYNONYMS,
} from '../../src/lib/search/search-query.ts';
import type { RecordResult } from '../../src/lib/search/record-index.ts';

describe('planQuery: a record type with a colour or a status becomes a filter', () => {
  it('reads 红色企业 as enterprises rated 红色, with nothing left to search', () => {
    expect(planQuery('红色企业')).toEqual({
      text: '',
      variants: [],
      index: '',
      filters: { type: ['企业'], rating: ['红色'] },
      applied: [
        { key: 'type', label: '类型：企业' },
        { key: 'rating', label: '信用等级：红色' },
      ],
    });
  });
  it('reads the informal 红牌 and keeps the rest of the query', () => {
    const p = planQuery('东村的红牌企业');
    expect(p.filters).toEqual({ type: ['企业'], rating: ['红色'] });
    expect(p.text).toBe('东村');
  });
  it('reads 未整改的问题 as every unfinished problem', () => {
    const p = planQuery('未整改的问题');
    expect(p.text).toBe('');
    expect(p.filters).toEqual({ type: ['问题'], status: ['待整改', '整改中'] });
    expect(p.applied.map((a) => a.label)).toEqual(['类型：问题', '状态：待整改或整改中']);
  });
  it('reads 已销号问题 as that one status', () => {
    expect(planQuery('已销号问题').filters).toEqual({ type: ['问题'], status: ['已销号'] });
  });
  it('leaves a type word alone when no colour or status comes with it', () => {
    expect(planQuery('企业环境信用')).toEqual({ text: '企业环境信用', variants: [], index: '企业环境信用', filters: {}, applied: [] });
    expect(planQuery('突出环境问题').filters).toEqual({});
  });
  it('leaves a colour alone when no record type comes with it (the plan speaks of 红线)', () => {
    expect(planQuery('生态红线').filters).toEqual({});
  });
});

describe('planQuery: what Pagefind is asked', () => {
  it('drops the sample marker and 有限公司, which every enterprise page carries, but ranks by the whole name', () => {
    const p = planQuery('（示例）明远金鼎化工有限公司16105号');
    expect(p.index).toBe('明远金鼎化工 16105号');
    expect(p.text).toBe('（示例）明远金鼎化工有限公司16105号');
    expect(planQuery('江阴顾山股份有限公司').index).toBe('江阴顾山');
    expect(planQuery('(示例)某某有限责任公司').index).toBe('某某');
  });
  it('keeps a query that is nothing but those words', () => {
    expect(planQuery('有限公司').index).toBe('有限公司');
    expect(planQuery('黑臭水体').index).toBe('黑臭水体');
  });
});

describe('searchRounds: what to ask Pagefind when the query finds nothing', () => {
  it('asks the bare name, then the name as typed, then its runs of characters', () => {
    expect(searchRounds(planQuery('（示例）澄川嘉合印刷有限公司15399号'))).toEqual([
      ['澄川嘉合印刷 15399号'],
      ['（示例）澄川嘉合印刷有限公司15399号'],
      ['澄川嘉合印刷', '15399号'],
    ]);
    expect(searchRounds(planQuery('澄川嘉合印刷15399号'))).toEqual([['澄川嘉合印刷15399号'], ['澄川嘉合印刷', '15399号']]);
  });
  it('has one round for a plain word, synonyms included, and none for a filter-only query', () => {
    expect(searchRounds(planQuery('交办件'))).toEqual([['交办件', '信访件', '督察交办']]);
    expect(searchRounds(planQuery('红色企业'))).toEqual([]);
  });
});

describe('synonyms', () => {
  it('searches the other words of a group too', () => {
    expect(synonymVariants('交办件')).toEqual(['信访件', '督察交办']);
    expect(synonymVariants('黑臭河道整治')).toEqual(['黑臭水体整治', '黑臭河整治']);
    expect(planQuery('红牌').variants).toEqual(['红色等级', '红色']);
  });
  it('leaves other queries as they are', () => {
    expect(synonymVariants('水质')).toEqual([]);
  });
  it('keeps each group to distinct words, each in one group only', () => {
    const all = SYNONYMS.flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('whole-query matches first', () => {
  it('compares names without the sample marker or the company suffix', () => {
    expect(normaliseName('（示例）甲乙化工有限公司')).toBe('甲乙化工');
    expect(normaliseName('甲乙化工股份有限公司')).toBe('甲乙化工');
    expect(matchTier('甲乙化工', { title: '（示例）甲乙化工有限公司', content: '' })).toBe(0);
    expect(matchTier('甲乙化工有限公司', { title: '（示例）甲乙化工有限公司', content: '' })).toBe(0);
  });
  it('orders exact title, title holding the query, text holding it, parts only', () => {
    expect(matchTier('东村养殖场污水直排', { title: '东村养殖场污水直排', content: '' })).toBe(0);
    expect(matchTier('养殖场污水', { title: '东村养殖场污水直排', content: '' })).toBe(1);
    expect(matchTier('污水直排', { title: '问题', content: '东村 养殖场污水 直排' })).toBe(2);
    expect(matchTier('污水直排', { title: '问题', content: '污水 经处理后 直排' })).toBe(3);
  });
  it('moves the exact title above near-namesakes that Pagefind put first, and keeps its order otherwise', () => {
    const r = (title: string, content = title) => ({ title, content });
    const pagefindOrder = [r('河道污水直排问题12'), r('河道污水直排问题13'), r('其他', '无关'), r('河道污水直排问题1'), r('关于河道污水直排问题1的说明')];
    expect(rankByMatch('河道污水直排问题1', pagefindOrder).map((x) => x.title)).toEqual([
      '河道污水直排问题1',
      '河道污水直排问题12',
      '河道污水直排问题13',
      '关于河道污水直排问题1的说明',
      '其他',
    ]);
  });
});

describe('everyday wordings (issue 33)', () => {
  it('searches the site’s word for an everyday one, next to the synonyms', () => {
    expect(synonymVariants('河水水质')).toEqual(['河道水质']);
    expect(planQuery('河水水质').variants).toContain('河道水质');
    expect(synonymVariants('臭水沟')).toContain('黑臭水体');
  });
  it('leaves a query that holds the site’s word already as it is', () => {
    expect(synonymVariants('焚烧秸秆')).toEqual([]);
    expect(synonymVariants('河道水质')).toEqual([]);
  });
  it('keeps each everyday word apart from the synonyms and from its site word', () => {
    const grouped = new Set(SYNONYMS.flat());
    for (const [everyday, site] of EVERYDAY_WORDS) {
      expect(grouped.has(everyday), everyday).toBe(false);
      expect(site, everyday).not.toBe(everyday);
    }
  });
});

describe('“你是不是要找”: a village one character away', () => {
  const villages = [
    ['xibei', '锡北村'],
    ['huzhuang', '湖庄村'],
    ['gushan', '顾山社区'],
  ] as const;
  it('suggests the village whose name differs by one character, added, left out or changed', () => {
    expect(nearVillages('锡章村', villages)).toEqual([['xibei', '锡北村']]);
    expect(nearVillages('湖庄', villages)).toEqual([['huzhuang', '湖庄村']]);
    expect(nearVillages('顾山社区村', villages)).toEqual([['gushan', '顾山社区']]);
    expect(nearVillages('湖莊村', villages)).toEqual([]);
  });
  it('suggests nothing for a village’s own name, a far query or one character', () => {
    expect(nearVillages('锡北村', villages)).toEqual([]);
    expect(nearVillages('水质达标', villages)).toEqual([]);
    expect(nearVillages('村', villages)).toEqual([]);
  });
  it('counts edits by characters, not code units', () => {
    expect(oneEditApart('𠀀村', '𠀁村')).toBe(true);
    expect(oneEditApart('甲乙', '乙甲')).toBe(false);
    expect(oneEditApart('甲乙丙', '甲丙')).toBe(true);
  });
});

describe('which index is asked (issue 30)', () => {
  const hit = (type: RecordResult['record']['type'], match: RecordResult['match']): RecordResult => ({
    record: { type, key: 'k', title: 't', path: 'p/', state: '', excerpt: '' },
    match,
  });
  it('answers an exact problem or enterprise name, or an id or code, from the record index alone', () => {
    expect(asksPagefind(planQuery('甲乙化工'), [hit('enterprise', 'exact')], undefined)).toBe(false);
    expect(asksPagefind(planQuery('GS-2017-001'), [hit('problem', 'exact')], undefined)).toBe(false);
    expect(asksPagefind(planQuery('GS-2017'), [hit('problem', 'prefix')], undefined)).toBe(false);
  });
  it('asks Pagefind too for part of a name, a village’s or a section’s name, and prose', () => {
    expect(asksPagefind(planQuery('甲乙'), [hit('enterprise', 'name')], undefined)).toBe(true);
    expect(asksPagefind(planQuery('湖心村'), [hit('village', 'exact')], undefined)).toBe(true);
    expect(asksPagefind(planQuery('预警名单'), [hit('section', 'exact')], undefined)).toBe(true);
    expect(asksPagefind(planQuery('推进黑臭河道整治工作'), [], undefined)).toBe(true);
    expect(asksPagefind(planQuery('VOC'), [], undefined)).toBe(true);
  });
  it('follows the type filter: record types only, the record index only; page types only, Pagefind only', () => {
    expect(asksPagefind(planQuery('红色企业'), [], ['企业'])).toBe(false);
    expect(asksPagefind(planQuery('整改'), [], ['问题', '村（社区）'])).toBe(false);
    expect(asksPagefind(planQuery('整改'), [], ['问题', '计划原文'])).toBe(true);
    expect(asksRecords(['计划原文'])).toBe(false);
    expect(asksRecords(['计划原文', '企业'])).toBe(true);
    expect(asksRecords(undefined)).toBe(true);
  });
  it('merges the two lists by tier, records first within a tier', () => {
    const merged = mergeByTier(
      ['r-exact', 'r-text'],
      (r) => (r === 'r-exact' ? 0 : 2),
      ['p-title', 'p-parts', 'p-exact'],
      (p) => ({ 'p-title': 1, 'p-parts': 3, 'p-exact': 0 })[p]!,
    );
    expect(merged).toEqual(['r-exact', 'p-exact', 'p-title', 'r-text', 'p-parts']);
    expect(
      [hit('problem', 'exact'), hit('problem', 'name'), hit('problem', 'prefix'), hit('problem', 'text'), hit('problem', 'filter')].map(recordTier),
    ).toEqual([0, 1, 1, 2, 1]);
  });
});
