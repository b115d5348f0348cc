import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows, FIXTURE_SITE, planIds } from '../helpers/sites.ts';
import { SCORE_STATUSES as STATUSES } from '../../src/lib/progress.ts';
import { SCORE_DISPLAY } from '../../src/lib/display.ts';
import { BUILD_DATE } from '../helpers/paths.ts';

const STATUS_SLUG = Object.fromEntries(STATUSES.map((s) => [s, SCORE_DISPLAY[s].slug])) as Record<(typeof STATUSES)[number], string>;

for (const site of BOTH_SITES) {
  const indicators = csvRows(site, 'indicators');
  const observations = csvRows(site, 'observations');

  describe(`indicator pages of ${site.name}`, () => {
    it('has a page and a CSV for every indicator of the CSV', () => {
      expect(indicators.length).toBeGreaterThan(0);
      for (const ind of indicators) {
        expect(existsSync(join(site.dir, `indicators/${ind.id}/index.html`)), ind.id).toBe(true);
        const csv = readFileSync(join(site.dir, `indicators/${ind.id}.csv`), 'utf8');
        const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
        const own = observations.filter((o) => o.indicator === ind.id);
        // One row per observation (one row without observation cells when there is none), each carrying the indicator's meaning.
        expect(
          rows.filter((r) => r.date !== '').map((r) => [r.date, r.value]),
          ind.id,
        ).toEqual(own.map((o) => [o.date, o.value]));
        expect(rows.length, ind.id).toBe(Math.max(1, own.length));
        const page = readHtml(site.dir, `indicators/${ind.id}/index.html`);
        for (const r of rows) {
          expect([r.name, r.unit, r.comparator, r.target, r.deadline], ind.id).toEqual([ind.name, ind.unit, ind.comparator || '>=', r.target, r.deadline]);
          expect(r.verdict, ind.id).toBe(page.querySelector('.verdict .progress-badge')?.getAttribute('data-status'));
          expect(r.explanation, ind.id).toBe(page.querySelector('.verdict .explanation')?.textContent.trim());
          expect(r.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        const excel = readFileSync(join(site.dir, `indicators/${ind.id}-excel.csv`), 'utf8');
        expect(excel.startsWith('\uFEFF'), ind.id).toBe(true);
        expect(Papa.parse<Record<string, string>>(excel.slice(1), { header: true, skipEmptyLines: true }).data.map((r) => r.name)).toEqual(
          rows.map((r) => r.name),
        );
        expect(page.querySelectorAll('a[data-download^="indicator-"]').map((a) => a.getAttribute('href'))).toEqual([
          `${SITE_BASE}indicators/${ind.id}.csv`,
          `${SITE_BASE}indicators/${ind.id}-excel.csv`,
        ]);
      }
    });

    it('lists every observation in the table under the chart, and a build-time SVG stands in for the chart', () => {
      for (const ind of indicators) {
        const doc = readHtml(site.dir, `indicators/${ind.id}/index.html`);
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
      const list = readHtml(site.dir, 'indicators/index.html');
      expect(list.querySelectorAll('.indicator-item')).toHaveLength(indicators.length);
      let total = 0;
      for (const s of STATUSES) {
        const page = readHtml(site.dir, `indicators/status/${STATUS_SLUG[s]}/index.html`);
        const items = page.querySelectorAll('.indicator-item');
        expect(
          items.every((i) => i.getAttribute('data-status') === s),
          s,
        ).toBe(true);
        expect(items.length).toBe(list.querySelectorAll(`.indicator-item[data-status="${s}"]`).length);
        total += items.length;
        const link = list.querySelectorAll('.status-filter a').find((a) => a.getAttribute('href') === `${SITE_BASE}indicators/status/${STATUS_SLUG[s]}/`);
        expect(link?.textContent).toBe(`${SCORE_DISPLAY[s].icon}${s}（${items.length}）`);
      }
      expect(total).toBe(indicators.length);
    });
  });

  describe(`the plan text of ${site.name} links every target to its indicator`, () => {
    const plans = new Map(planIds(site).map((id) => [id, readHtml(site.dir, `plan/${id}/index.html`)]));

    it('marks every quote of every indicator, in the section the data names', () => {
      for (const ind of indicators) {
        const doc = plans.get(ind.plan!)!;
        const marks = doc.querySelectorAll('mark.target a');
        const sections = ind.section!.split(';');
        ind.quote!.split(';').forEach((quote, k) => {
          const hit = marks.find((a) => a.textContent === quote && (a.getAttribute('data-indicators') ?? '').split(' ').includes(ind.id!));
          expect(hit, `${ind.id}: ${quote}`).toBeDefined();
          // The mark sits after its section's heading.
          const html = doc.querySelector('.plan-text')!.innerHTML;
          const at = html.indexOf(hit!.outerHTML);
          expect(at).toBeGreaterThan(html.indexOf(`id="${sections[k]}"`));
        });
      }
    });

    it('puts a status badge linking to the indicator page beside each mark', () => {
      for (const ind of indicators) {
        const badge = plans
          .get(ind.plan!)!
          .querySelectorAll('.target-badge')
          .find((a) => a.getAttribute('href') === `${SITE_BASE}indicators/${ind.id}/`);
        expect(badge?.querySelector('.progress-badge'), ind.id).not.toBeNull();
      }
    });
  });

  describe(`the home page of ${site.name}`, () => {
    it('shows the count of indicators per status, linking to the filtered lists', () => {
      const doc = readHtml(site.dir, 'index.html');
      const items = doc.querySelectorAll('.status-counts a');
      expect(items).toHaveLength(STATUSES.length);
      const sum = items.reduce((n, a) => n + Number(/(\d+) 项/.exec(a.textContent)?.[1]), 0);
      expect(sum).toBe(indicators.length);
      // Each count links to its own status page and equals the number of items listed there.
      for (const [k, s] of STATUSES.entries()) {
        const a = items[k]!;
        expect(a.getAttribute('href')).toBe(`${SITE_BASE}indicators/status/${STATUS_SLUG[s]}/`);
        const listed = readHtml(site.dir, `indicators/status/${STATUS_SLUG[s]}/index.html`).querySelectorAll('.indicator-item').length;
        expect(Number(/(\d+) 项/.exec(a.textContent)?.[1]), s).toBe(listed);
      }
      // The headline is the class 按期达标 in its own word, the same number as its button, and says of how many.
      const headline = doc.querySelector('[data-scoreboard-headline]')!;
      expect(Number(headline.querySelector('[data-total]')?.textContent)).toBe(indicators.length);
      expect(headline.textContent.replace(/\s+/g, '')).toMatch(/^按期达标\d+项\/共\d+项$/);
      expect(headline.querySelector('[data-met-on-time]')?.textContent).toBe(/(\d+) 项/.exec(items[0]!.textContent)?.[1]);
    });
  });
}

describe('indicator verdicts (pinned for the test fixture)', () => {
  const verdict = (id: string) => {
    const doc = readHtml(FIXTURE_SITE.dir, `indicators/${id}/index.html`);
    return [doc.querySelector('.verdict .progress-badge')?.textContent.trim(), doc.querySelector('.verdict .explanation')?.textContent.trim()];
  };

  it('shows each verdict with the numbers it rests on', () => {
    // Met on time: year-only observations, the one of 2017 counts as of the deadline.
    expect(verdict('red-line-share')).toEqual(['✔按期达标', '目标 ≥ 20%（期限 2017-12-31）；截至 2017 实际 20.3%，期限时已达标；最新 2019 实际 20.6%；已达标']);
    // Met late; one observation falls exactly on the deadline day.
    expect(verdict('class3-rivers')).toEqual([
      '◷逾期达标',
      '目标 ≥ 25%（期限 2017-12-31）；截至 2017-12-31 实际 22.2%，期限时未达标；最新 2019 实际 33.3%；逾期达标',
    ]);
    expect(verdict('land-gdp-growth')).toEqual([
      '↘达标后回落',
      '目标 ≥ 6.5%（期限 2017-12-31）；截至 2017 实际 7.1%，期限时已达标；最新 2019 实际 5.2%；曾达标，后回落，现未达标',
    ]);
    expect(verdict('arable-land-kept')).toEqual([
      '✘未达标',
      '目标 ≥ 3.3 万亩（期限 2017-12-31）；截至 2017 实际 3.1 万亩，期限时未达标；最新 2019 实际 3.2 万亩；未达标',
    ]);
    // Still no data years after the deadline: said plainly, with the years counted to the build date.
    const years = Number(BUILD_DATE.slice(0, 4)) - 2018;
    expect(verdict('eco-trail')).toEqual(['?暂无数据', `目标 ≥ 100%（期限 2017-12-31）；期限已过去 ${years} 年，仍没有任何观测数据；暂无数据`]);
    // Deadline still ahead: against the straight line from the baseline.
    expect(verdict('green-coverage-2030')).toEqual([
      '➜进度正常',
      '目标 ≥ 43.04%（期限 2030-12-31）；截至 2020 实际 42.9%，按期限均匀推进此时应达到 42.37%；进度正常',
    ]);
    expect(verdict('park-green-2030')).toEqual([
      '⚠进度滞后',
      '目标 ≥ 15.96 平方米（期限 2030-12-31）；截至 2020 实际 10.5 平方米，按期限均匀推进此时应达到 11.7 平方米；进度滞后',
    ]);
    // Count and milestone kinds.
    expect(verdict('voc-treatment')).toEqual(['✔按期达标', '目标 ≥ 18 个（期限 2017-12-31）；截至 2017-12 实际 18 个，期限时已达标；已达标']);
    expect(verdict('sewage-grade-a')?.[0]).toBe('◷逾期达标');
    expect(verdict('livestock-farms')?.[0]).toBe('✘未达标');
    expect(verdict('dingzi-river')?.[0]).toBe('✔按期达标');
    expect(verdict('black-odorous')).toEqual(['◷逾期达标', '目标 ≥ 100%（期限 2017-12-31）；截至 2017 实际 80%，期限时未达标；最新 2018 实际 100%；逾期达标']);
  });

  it('counts the fixture indicators of every status on the status pages', () => {
    const count = (s: (typeof STATUSES)[number]) =>
      readHtml(FIXTURE_SITE.dir, `indicators/status/${STATUS_SLUG[s]}/index.html`).querySelectorAll('.indicator-item').length;
    expect(Object.fromEntries(STATUSES.map((s) => [s, count(s)]))).toEqual({
      按期达标: 6,
      逾期达标: 3,
      达标后回落: 1,
      未达标: 4,
      进度正常: 1,
      进度滞后: 1,
      暂无数据: 1,
    });
    // Headline: the 6 按期达标, the same word and number as the button; the slipped and late ones are named beside it.
    const home = readHtml(FIXTURE_SITE.dir, 'index.html');
    expect(home.querySelector('[data-scoreboard-headline]')?.textContent.replace(/\s+/g, '')).toBe('按期达标6项/共17项');
    expect(home.querySelector('.score-note')?.textContent.replace(/\s+/g, '')).toContain(
      '期限之后才达到的算“逾期达标”（3项），期限时达到、后来又回落的算“达标后回落”（1项）',
    );
    for (const page of ['indicators/index.html', 'indicators/status/met-late/index.html']) {
      expect(readHtml(FIXTURE_SITE.dir, page).querySelector('[data-scoreboard-headline]')?.textContent.replace(/\s+/g, ''), page).toBe('按期达标6项/共17项');
    }
  });
});

describe('indicators whose observations stopped', () => {
  // In the fixture, two indicators are observed 每年: river-quality, due at the end of 2017 and
  // observed for 2017; green-coverage-2030, due in 2030 and last observed for 2020, so that by
  // the build date (2026-01-15) its values of 2021–2024 are missing. The others are not checked.
  it('are marked on their page and in the list, and counted on the scoreboard', () => {
    const page = (id: string) => readHtml(FIXTURE_SITE.dir, `indicators/${id}/index.html`);
    expect(page('green-coverage-2030').querySelector('[data-stopped]')?.textContent.replace(/\s+/g, '')).toBe(
      '观测中断按规定每年应有一个观测值，最近的一个是2020年的，之后的还没有公布；上面的结论依据的是已有的数值。',
    );
    expect(page('river-quality').querySelector('[data-stopped]')).toBeNull();
    expect(page('park-green-2030').querySelector('[data-stopped]')).toBeNull();
    const list = readHtml(FIXTURE_SITE.dir, 'indicators/index.html');
    const tagged = list.querySelectorAll('.indicator-item').filter((li) => li.querySelector('[data-stopped]'));
    expect(tagged.map((li) => li.querySelector('.indicator-name')!.textContent.trim())).toEqual([
      csvRows(FIXTURE_SITE, 'indicators').find((i) => i.id === 'green-coverage-2030')!.name,
    ]);
    for (const p of ['indicators/index.html', 'index.html']) {
      expect(readHtml(FIXTURE_SITE.dir, p).querySelector('[data-stopped-count]')?.textContent.replace(/\s+/g, ''), p).toBe(
        '观测中断1项：按规定应当有的观测值没有公布，这些指标的结论依据的是更早的数值。',
      );
    }
  });
});
