/** The scoreboard as data: /data/indicator-progress.{csv,json}, -excel.csv, and its datapackage.json entry. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows } from '../helpers/sites.ts';
import { SCORE_STATUSES } from '../../src/lib/progress.ts';

for (const site of BOTH_SITES) {
  const built = (path: string) => readFileSync(join(site.dir, path));
  const csv = built('data/indicator-progress.csv');
  const rows = Papa.parse<Record<string, string>>(csv.toString('utf8'), { header: true, skipEmptyLines: true }).data;

  describe(`the scoreboard as data on ${site.name}`, () => {
    it('has one row per indicator with the class, status and verdict its page shows', () => {
      const indicators = csvRows(site, 'indicators');
      expect(rows.map((r) => r.indicator)).toEqual(indicators.map((i) => i.id));
      for (const r of rows) {
        const page = readHtml(site.dir, `indicators/${r.indicator}/index.html`);
        expect(page.querySelector('.verdict .progress-badge')?.getAttribute('data-status'), r.indicator).toBe(r.verdict);
        expect(page.querySelector('.verdict .explanation')?.textContent.trim(), r.indicator).toBe(r.explanation);
        expect(SCORE_STATUSES as readonly string[]).toContain(r.verdict);
        const ind = indicators.find((i) => i.id === r.indicator)!;
        expect(r.name).toBe(ind.name);
        if (r.latest_date) expect(r.explanation).toContain(r.latest_date);
      }
    });

    it('reproduces the counts and the headline of the home page', () => {
      const home = readHtml(site.dir, 'index.html');
      for (const li of home.querySelectorAll('.status-counts li')) {
        const s = li.getAttribute('data-score')!;
        expect(Number(/(\d+) 项/.exec(li.textContent)?.[1]), s).toBe(rows.filter((r) => r.verdict === s).length);
      }
      expect(Number(home.querySelector('[data-met-on-time]')?.textContent)).toBe(rows.filter((r) => r.verdict === '按期达标').length);
    });

    it('comes as JSON and as an Excel CSV with BOM', () => {
      const json = JSON.parse(built('data/indicator-progress.json').toString('utf8')) as Array<Record<string, unknown>>;
      expect(json.map((r) => r.verdict)).toEqual(rows.map((r) => r.verdict));
      const excel = built('data/indicator-progress-excel.csv').toString('utf8');
      expect(excel.startsWith('\uFEFF')).toBe(true);
      expect(Papa.parse<Record<string, string>>(excel.slice(1), { header: true, skipEmptyLines: true }).data.map((r) => r.name)).toEqual(
        rows.map((r) => r.name),
      );
    });

    it('is a derived resource of datapackage.json with its schema, size, hash and a note on how it is computed', () => {
      const pkg = JSON.parse(built('data/datapackage.json').toString('utf8'));
      const r = pkg.resources.find((x: { name: string }) => x.name === 'indicator-progress');
      expect(r).toMatchObject({
        path: 'indicator-progress.csv',
        derived: true,
        rows: rows.length,
        bytes: csv.length,
        hash: `sha256:${createHash('sha256').update(csv).digest('hex')}`,
      });
      expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(Object.keys(rows[0]!));
      expect(r.description).toContain('src/lib/progress.ts');
    });

    it('carries one verdict column, in the words readers see, and the other columns named for what they are', () => {
      const columns = Object.keys(rows[0]!);
      expect(columns.filter((c) => ['result', 'status', 'at_deadline'].includes(c))).toEqual([]);
      expect(columns).toEqual(expect.arrayContaining(['verdict', 'met_by_deadline', 'latest_meets_target']));
      for (const r of rows) {
        expect(SCORE_STATUSES as readonly string[], r.indicator).toContain(r.verdict);
        expect(['是', '否', ''], r.indicator).toContain(r.met_by_deadline);
        expect(['是', '否', ''], r.indicator).toContain(r.latest_meets_target);
        // 逾期达标: not met by the deadline, met now; 达标后回落 the other way round.
        if (r.verdict === '逾期达标') expect([r.met_by_deadline, r.latest_meets_target], r.indicator).toEqual(['否', '是']);
        if (r.verdict === '达标后回落') expect([r.met_by_deadline, r.latest_meets_target], r.indicator).toEqual(['是', '否']);
      }
      const fields = JSON.parse(built('data/datapackage.json').toString('utf8')).resources.find((x: { name: string }) => x.name === 'indicator-progress').schema
        .fields as Array<{ name: string; title: string; description: string }>;
      for (const name of ['verdict', 'met_by_deadline', 'latest_meets_target']) {
        const f = fields.find((x) => x.name === name)!;
        expect(f.title.length, name).toBeGreaterThan(1);
        expect(f.description.length, name).toBeGreaterThan(20);
      }
    });

    it('has a dated note on /data/ for every published column that changed name or meaning', () => {
      const changes = readHtml(site.dir, 'data/index.html').querySelector('[data-column-changes]')!;
      const verdict = changes.querySelector('[data-column="verdict"]')!.textContent.replace(/\s+/g, '');
      expect(verdict).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日，indicator-progress\.csv/);
      expect(verdict).toContain('列result改为verdict');
      for (const c of ['met_by_deadline', 'latest_meets_target', 'disclosed']) expect(changes.querySelector(`[data-column="${c}"]`), c).not.toBeNull();
    });

    it('is listed on /data/ with its downloads and fields', () => {
      const section = readHtml(site.dir, 'data/index.html').getElementById('indicator-progress')!;
      expect(section.querySelectorAll('a[data-download]').map((a) => a.getAttribute('href'))).toEqual([
        `${SITE_BASE}data/indicator-progress.csv`,
        `${SITE_BASE}data/indicator-progress-excel.csv`,
        `${SITE_BASE}data/indicator-progress.json`,
      ]);
      expect(section.querySelectorAll('dt code').map((c) => c.textContent)).toEqual(Object.keys(rows[0]!));
    });
  });
}
