/** Rating schemes on the fixture site: each rating says which scheme it was given under, its score on that scheme's scale, and where the scheme changed. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { SITE_BASE } from '../helpers/paths.ts';
import { FIXTURE_SITE } from '../helpers/sites.ts';

const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('rating schemes', () => {
  it('an enterprise page names the scheme of each rating, its score on the scale, and marks the change of scheme', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'credit/91110000600037341L/index.html');
    const rows = doc.querySelectorAll('tr[data-scheme]');
    expect(rows.map((r) => r.getAttribute('data-scheme'))).toEqual(['annual', 'dynamic', 'dynamic']);
    expect(rows.map((r) => r.querySelector('[data-scheme-name] a')?.getAttribute('href'))).toEqual([
      `${SITE_BASE}credit/schemes/#annual`,
      `${SITE_BASE}credit/schemes/#dynamic`,
      `${SITE_BASE}credit/schemes/#dynamic`,
    ]);
    expect(rows.map((r) => text(r.querySelector('[data-score]')?.textContent))).toEqual(['—', '2 分（12分制）', '4 分（12分制）']);
    const markers = doc.querySelectorAll('tr[data-scheme-start]').map((m) => text(m.textContent));
    expect(markers).toEqual(['2013 年起按示例年度评价办法评价（年度，不打分）', '2019 年起按《示例动态评价暂行办法》评价（半年度，12分制）']);
    expect(doc.querySelectorAll('.strip [data-scheme-start]').map((m) => m.getAttribute('data-scheme-start'))).toEqual(['annual', 'dynamic']);
    expect(text(doc.querySelector('.meta .rating-scheme')?.textContent)).toBe('按《示例动态评价暂行办法》评价，得分 4 分（12分制）');
    // The consequences are the current scheme's: the dynamic scheme's red, not the annual one's.
    expect(doc.querySelector('[data-consequence-scheme]')?.getAttribute('data-consequence-scheme')).toBe('dynamic');
  });

  it('explains every scheme at /credit/schemes/ with its validity, period kind and score bands', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'credit/schemes/index.html');
    expect(doc.querySelectorAll('[data-scheme-section]').map((s) => s.getAttribute('data-scheme-section'))).toEqual(['annual', 'dynamic', 'current']);
    for (const id of ['annual', 'dynamic', 'current']) expect(doc.querySelector(`h2#${id}`), id).not.toBeNull();
    const dynamic = doc.querySelector('[data-scheme-section="dynamic"]')!;
    expect(text(dynamic.textContent)).toContain('2019-01-01 至 2019-12-31');
    expect(text(dynamic.textContent)).toContain('半年度');
    expect(
      dynamic.querySelectorAll('tr[data-rating]').map((r) => `${r.getAttribute('data-rating')} ${text(r.querySelector('[data-band]')?.textContent)}`),
    ).toEqual(['绿色 11–12 分', '蓝色 6–10 分', '黄色 3–5 分', '红色 1–2 分', '黑色 0 分及以下']);
    const annual = doc.querySelector('[data-scheme-section="annual"]')!;
    expect(annual.querySelectorAll('tr[data-rating]')).toHaveLength(5);
    expect(annual.querySelector('[data-band]')).toBeNull();
    expect(text(annual.textContent)).toContain('不打分');
    expect(text(doc.querySelector('[data-scheme-section="current"]')?.textContent)).toContain('还没有录入这一办法下各等级的含义和后果');
  });

  it('a period page says which scheme its ratings were given under and shows that scheme’s colours', () => {
    const old = readHtml(FIXTURE_SITE.dir, 'credit/period/2018/index.html');
    expect(old.querySelector('[data-period-scheme]')?.getAttribute('data-period-scheme')).toBe('annual');
    expect(old.querySelector('[data-scheme-levels]')?.getAttribute('data-scheme-levels')).toBe('annual');
    const latest = readHtml(FIXTURE_SITE.dir, 'credit/index.html');
    expect(latest.querySelector('[data-period-scheme]')?.getAttribute('data-period-scheme')).toBe('dynamic');
    expect(latest.querySelector('[data-scheme-levels]')?.getAttribute('data-scheme-levels')).toBe('dynamic');
  });

  it('publishes the schemes table at /data/', () => {
    for (const f of ['data/credit-schemes.csv', 'data/credit-schemes.json']) expect(existsSync(join(FIXTURE_SITE.dir, f)), f).toBe(true);
  });
});
