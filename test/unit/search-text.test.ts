import { describe, expect, it } from 'vitest';
import { excerptRuns } from '../../src/lib/search/excerpt.ts';
import { TRADITIONAL_TABLE_SIZE, toSimplified } from '../../src/lib/search/zh-variants.ts';

describe('excerptRuns', () => {
  it('splits a Pagefind excerpt into text and marked runs, decoding entities and dropping any other tags', () => {
    expect(excerptRuns('在<mark>红豆</mark><mark>村</mark>建设 &lt;script&gt;x&lt;/script&gt; &amp; <b>步道</b>')).toEqual([
      { text: '在', marked: false },
      { text: '红豆', marked: true },
      { text: '村', marked: true },
      { text: '建设 <script>x</script> & 步道', marked: false },
    ]);
  });
});

describe('toSimplified', () => {
  it('converts common traditional characters of environmental texts and leaves the rest', () => {
    expect(toSimplified('水質')).toBe('水质');
    expect(toSimplified('環保問題')).toBe('环保问题');
    expect(toSimplified('關閉畜禽養殖場49個')).toBe('关闭畜禽养殖场49个');
    expect(toSimplified('企業環境信用評價 GS-2017-001')).toBe('企业环境信用评价 GS-2017-001');
    expect(toSimplified('顾山镇')).toBe('顾山镇');
    expect(TRADITIONAL_TABLE_SIZE).toBeGreaterThan(250);
  });
  it('leaves simplified text as it is, even characters that also occur in traditional words', () => {
    // 覆 is a simplified character in its own right (覆盖); converting it to 复 lost the problem “…未覆盖”.
    expect(toSimplified('工业固废露天堆放未覆盖')).toBe('工业固废露天堆放未覆盖');
    expect(toSimplified('覆蓋率')).toBe('覆盖率');
  });
});
