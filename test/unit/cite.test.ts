import { describe, expect, it } from 'vitest';
import { apa, cslJson, gbt7714 } from '../../src/lib/publishing/cite.ts';

const page = {
  author: '顾山镇生态文明建设公开数据',
  title: '河道水质达标比例',
  url: 'https://example.org/gushan/indicators/river-quality/',
  kind: 'DS' as const,
  updated: '2025-12-01',
  accessed: '2026-01-15',
};

describe('citations', () => {
  it('writes GB/T 7714-2015 with the type mark, update date, access date and URL', () => {
    expect(gbt7714(page)).toBe(
      '顾山镇生态文明建设公开数据. 河道水质达标比例[DS/OL]. (2025-12-01)[2026-01-15]. https://example.org/gushan/indicators/river-quality/.',
    );
    expect(gbt7714({ ...page, kind: 'EB', updated: undefined, publisher: '江阴市顾山镇人民政府' })).toBe(
      '顾山镇生态文明建设公开数据. 河道水质达标比例[EB/OL]. 江阴市顾山镇人民政府, [2026-01-15]. https://example.org/gushan/indicators/river-quality/.',
    );
  });

  it('writes APA with the year, the kind and the access date', () => {
    expect(apa(page)).toBe(
      '顾山镇生态文明建设公开数据. (2025). 河道水质达标比例 [数据集]. 检索于 2026年1月15日, 来自 https://example.org/gushan/indicators/river-quality/',
    );
  });

  it("says where the access date goes when the page cannot know the reader's day (no JavaScript)", () => {
    const undated = { ...page, accessed: undefined };
    expect(gbt7714(undated)).toBe(
      '顾山镇生态文明建设公开数据. 河道水质达标比例[DS/OL]. (2025-12-01)[引用日期]. https://example.org/gushan/indicators/river-quality/.',
    );
    expect(apa(undated)).toBe(
      '顾山镇生态文明建设公开数据. (2025). 河道水质达标比例 [数据集]. 检索于 [引用日期], 来自 https://example.org/gushan/indicators/river-quality/',
    );
    expect(apa({ ...undated, updated: undefined })).toContain('. (n.d.). ');
  });

  it('writes CSL-JSON a reference manager can import', () => {
    expect(cslJson({ ...page, id: 'river-quality' })).toMatchObject({
      id: 'river-quality',
      type: 'dataset',
      URL: page.url,
      accessed: { 'date-parts': [[2026, 1, 15]] },
      issued: { 'date-parts': [[2025, 12, 1]] },
    });
  });
});

describe('citations of a version', () => {
  const versioned = { ...page, version: '0123456789ab' };
  it('name the version after the title, in both styles and in CSL-JSON', () => {
    expect(gbt7714(versioned)).toBe(
      '顾山镇生态文明建设公开数据. 河道水质达标比例（版本 0123456789ab）[DS/OL]. (2025-12-01)[2026-01-15]. https://example.org/gushan/indicators/river-quality/.',
    );
    expect(apa(versioned)).toBe(
      '顾山镇生态文明建设公开数据. (2025). 河道水质达标比例 (版本 0123456789ab) [数据集]. 检索于 2026年1月15日, 来自 https://example.org/gushan/indicators/river-quality/',
    );
    expect(cslJson({ ...versioned, id: 'river-quality' }).version).toBe('0123456789ab');
  });
});
