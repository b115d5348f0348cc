import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { ROOT, SITE_BASE, SITE_DIR } from '../helpers/paths.ts';
import { PROGRESS_STATUSES as STATUSES } from '../../src/lib/progress.ts';
import { PROGRESS_DISPLAY } from '../../src/lib/display.ts';
const STATUS_SLUG = Object.fromEntries(STATUSES.map((s) => [s, PROGRESS_DISPLAY[s].slug])) as Record<(typeof STATUSES)[number], string>;

const indicators = Papa.parse<Record<string, string>>(readFileSync(join(ROOT, 'data/indicators.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const observations = Papa.parse<Record<string, string>>(readFileSync(join(ROOT, 'data/observations.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('indicator pages', () => {
  it('has a page and a CSV for every indicator of the CSV', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(30);
    for (const ind of indicators) {
      expect(existsSync(join(SITE_DIR, `indicators/${ind.id}/index.html`)), ind.id).toBe(true);
      const csv = readFileSync(join(SITE_DIR, `indicators/${ind.id}.csv`), 'utf8');
      expect(csv.trim().split('\n').length - 1, ind.id).toBe(observations.filter((o) => o.indicator === ind.id).length);
    }
  });

  it('shows each verdict with the numbers it rests on (pinned for the sample data)', () => {
    const verdict = (id: string) => {
      const doc = readHtml(SITE_DIR, `indicators/${id}/index.html`);
      return [doc.querySelector('.verdict .progress-badge')?.textContent.trim(), doc.querySelector('.verdict .explanation')?.textContent.trim()];
    };
    expect(verdict('red-line-area')).toEqual(['✔已达标', '目标 ≥ 20%（期限 2017-12-31）；截至 2017 实际 20.3%，期限时已达标；最新 2019 实际 20.6%；已达标']);
    expect(verdict('class3-river-share')).toEqual(['✔已达标（逾期）', '目标 ≥ 25%（期限 2017-12-31）；截至 2017 实际 22.2%，期限时未达标；最新 2019 实际 33.3%；逾期达标']);
    expect(verdict('gdp-land-output-growth')?.[0]).toBe('✘未达标（曾达标）');
    expect(verdict('arable-land')?.[0]).toBe('✘未达标');
    expect(verdict('hongdou-eco-trail')).toEqual(['?暂无数据', '目标 ≥ 100%（期限 2017-12-31）；还没有观测数据；暂无数据']);
  });

  it('lists every observation in the table under the chart, and a build-time SVG stands in for the chart', () => {
    for (const ind of indicators) {
      const doc = readHtml(SITE_DIR, `indicators/${ind.id}/index.html`);
      const rows = doc.querySelectorAll('.obs-table tbody tr th').map((th) => th.textContent);
      expect(rows, ind.id).toEqual(observations.filter((o) => o.indicator === ind.id).map((o) => o.date));
      expect(doc.querySelector('indicator-chart svg[role=img]'), ind.id).not.toBeNull();
      for (const [k, section] of ind.section!.split(';').entries()) {
        const link = doc.querySelectorAll('.plan-quote a')[k];
        expect(link?.getAttribute('href'), ind.id).toBe(`${SITE_BASE}plan/${ind.plan}/#${section}`);
      }
    }
  });

  it('filters by status with plain links to static pages', () => {
    const list = readHtml(SITE_DIR, 'indicators/index.html');
    expect(list.querySelectorAll('.indicator-item')).toHaveLength(indicators.length);
    let total = 0;
    for (const s of STATUSES) {
      const page = readHtml(SITE_DIR, `indicators/status/${STATUS_SLUG[s]}/index.html`);
      const items = page.querySelectorAll('.indicator-item');
      expect(items.every((i) => i.getAttribute('data-status') === s), s).toBe(true);
      expect(items.length).toBe(list.querySelectorAll(`.indicator-item[data-status="${s}"]`).length);
      total += items.length;
      const link = list.querySelectorAll('.status-filter a').find((a) => a.getAttribute('href') === `${SITE_BASE}indicators/status/${STATUS_SLUG[s]}/`);
      expect(link?.textContent).toBe(`${s}（${items.length}）`);
    }
    expect(total).toBe(indicators.length);
  });
});

describe('the plan text links every target to its indicator', () => {
  const doc = readHtml(SITE_DIR, 'plan/gushan-2017/index.html');
  const marks = doc.querySelectorAll('mark.target a');

  it('marks every quote of every indicator, in the section the data names', () => {
    for (const ind of indicators) {
      const sections = ind.section!.split(';');
      ind.quote!.split(';').forEach((quote, k) => {
        const hit = marks.find((a) => a.textContent === quote && (a.getAttribute('data-indicators') ?? '').split(' ').includes(ind.id!));
        expect(hit, `${ind.id}: ${quote}`).toBeDefined();
        // The mark sits after its section's heading and before the next heading of that level or higher.
        const html = doc.querySelector('.plan-text')!.innerHTML;
        const at = html.indexOf(hit!.outerHTML);
        expect(at).toBeGreaterThan(html.indexOf(`id="${sections[k]}"`));
      });
    }
  });

  it('puts a status badge linking to the indicator page beside each mark', () => {
    for (const ind of indicators) {
      const badge = doc.querySelectorAll('.target-badge').find((a) => a.getAttribute('href') === `${SITE_BASE}indicators/${ind.id}/`);
      expect(badge?.querySelector('.progress-badge'), ind.id).not.toBeNull();
    }
  });
});

describe('the home page', () => {
  it('shows the count of indicators per status, linking to the filtered lists', () => {
    const doc = readHtml(SITE_DIR, 'index.html');
    const items = doc.querySelectorAll('.status-counts a');
    expect(items).toHaveLength(STATUSES.length);
    const sum = items.reduce((n, a) => n + Number(/(\d+) 项/.exec(a.textContent)?.[1]), 0);
    expect(sum).toBe(indicators.length);
  });
});
