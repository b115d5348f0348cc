/** The chart image (src/lib/charts/chart-svg.ts): what it says, that it escapes, and that it is well-formed XML. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { chartModel } from '../../src/lib/charts/chart-model.ts';
import { chartImageMeta, chartImageSvg, chartPlotSvg, textEms, wrapText, xmlText, type ChartImageMeta } from '../../src/lib/charts/chart-svg.ts';

const model = chartModel({
  kind: 'level',
  unit: '%',
  target: 25,
  deadline: '2017',
  points: [
    { date: '2016', value: 16.7 },
    { date: '2019', value: 33.3 },
  ],
});
const meta: ChartImageMeta = {
  title: '市级河道Ⅲ类以上水质比例',
  target: '目标 ≥ 25%，期限 2017',
  status: '逾期达标',
  verdict: '截至 2016 实际 16.7%',
  source: '监测年报',
  licence: 'CC-BY-4.0',
  siteName: '顾山镇生态文明建设公开数据',
  url: 'https://example.org/gushan/indicators/x/',
  date: '2026-01-15',
};
const texts = (svg: string) => {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (typeof n === 'string') out.push(n);
    else if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') Object.entries(n).forEach(([k, v]) => (k === '#text' ? out.push(String(v)) : walk(v)));
  };
  walk(new XMLParser({ ignoreAttributes: true, processEntities: true, htmlEntities: false }).parse(svg));
  return out.join('\n');
};

describe('chart image', () => {
  it('carries the title, target, deadline, status, source, licence, site name, address and date', () => {
    const svg = chartImageSvg(model, meta);
    expect(() => SyntaxValidator.validate(svg)).not.toThrow();
    const t = texts(svg);
    for (const part of [meta.title, '目标 ≥ 25%，期限 2017', '逾期达标', '监测年报', 'CC-BY-4.0', meta.siteName, meta.url, '2026-01-15'])
      expect(t, part).toContain(part);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="720" height="\d+"/);
  });

  it('holds the same plot as the page (one chart model)', () => {
    expect(chartImageSvg(model, meta)).toContain(chartPlotSvg(model));
  });

  it('escapes any text and drops characters XML does not allow, staying well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 30 }), (text, unit) => {
        const m = chartModel({
          kind: 'milestone',
          unit,
          target: 100,
          deadline: '2017',
          points: [
            { date: '2017', value: 80 },
            { date: '2018-12', value: 100 },
          ],
        });
        const svg = chartImageSvg(m, { ...meta, title: text, source: text, verdict: text, url: `https://example.org/${text}` });
        expect(() => SyntaxValidator.validate(svg)).not.toThrow();
      }),
    );
    const svg = chartImageSvg(model, { ...meta, title: '<script>alert(1)</script>"&\u0001' });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
    expect(xmlText('a\u0000b\uFFFEc\u202e')).toBe('abc\u202e');
  });

  it('wraps long titles to at most the lines allowed, ending in an ellipsis', () => {
    const lines = wrapText('长文本'.repeat(3334), 30, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(textEms(l)).toBeLessThanOrEqual(30);
    expect(wrapText('短标题', 30, 2)).toEqual(['短标题']);
    expect(wrapText('Share of river sections', 8, 5).join('').replace(/\s/g, '')).toBe('Shareofriversections');
  });

  it('names the observations’ sources once each, the publisher and the licence with its address', () => {
    const m = chartImageMeta({
      view: {
        indicator: { name: 'x', unit: '%', target_date: '2017' },
        observations: [{ source: '年报' }, { source: '年报' }, { source: '公报' }, {}],
        progress: { target: 25, comparator: '<=', result: '未达标', explanation: '目标 ≤ 25%（期限 2017-12-31）；截至 2017 实际 30%，期限时未达标' },
      },
      dataset: { publisher: '镇环保办', licence: 'CC-BY-4.0', licence_url: 'https://creativecommons.org/licenses/by/4.0/' },
      siteName: 's',
      url: 'u',
      date: 'd',
    });
    expect(m.source).toBe('年报；公报；整理：镇环保办');
    expect(m.licence).toBe('CC-BY-4.0（https://creativecommons.org/licenses/by/4.0/）');
    expect(m.target).toBe('目标 ≤ 25%，期限 2017');
    expect(m.verdict).toBe('截至 2017 实际 30%，期限时未达标');
  });
});
