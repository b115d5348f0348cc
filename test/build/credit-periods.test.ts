/** Every rating period, the latest included, has a stable page and its ratings as CSV with names. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows } from '../helpers/sites.ts';

for (const site of BOTH_SITES) {
  const ratings = csvRows(site, 'credit-ratings');
  const enterprises = new Map(csvRows(site, 'enterprises').map((e) => [e.uscc!, e]));
  const villages = new Map(csvRows(site, 'villages').map((v) => [v.id!, v.name!]));
  const periods = [...new Set(ratings.map((r) => r.period!))];

  describe(`rating periods of ${site.name}`, () => {
    it('gives every period, the latest included, its page at /credit/period/<p>/', () => {
      expect(periods.length).toBeGreaterThan(1);
      for (const p of periods) {
        expect(existsSync(join(site.dir, `credit/period/${p}/index.html`)), p).toBe(true);
        const doc = readHtml(site.dir, `credit/period/${p}/index.html`);
        expect(doc.querySelector('[data-period-page]')?.getAttribute('href')).toBe(`${SITE_BASE}credit/period/${p}/`);
        expect(doc.querySelectorAll('[data-period-downloads] a[data-download]').map((a) => a.getAttribute('href'))).toEqual([
          `${SITE_BASE}credit/period/${p}.csv`,
          `${SITE_BASE}credit/period/${p}-excel.csv`,
        ]);
      }
      // /credit/ (the latest period) links to the same downloads.
      const latest = readHtml(site.dir, 'credit/index.html').querySelector('[data-period-page]')?.getAttribute('href');
      expect(periods.map((p) => `${SITE_BASE}credit/period/${p}/`)).toContain(latest);
    });

    it("offers each period's ratings joined with the enterprise's name, industry and village, as CSV and Excel CSV", () => {
      for (const p of periods) {
        const csv = readFileSync(join(site.dir, `credit/period/${p}.csv`), 'utf8');
        const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
        const own = ratings.filter((r) => r.period === p);
        expect(rows.map((r) => r.uscc).sort(), p).toEqual(own.map((r) => r.uscc).sort());
        for (const r of rows) {
          const e = enterprises.get(r.uscc!)!;
          expect([r.period, r.name, r.industry, r.village, r.village_name], r.uscc).toEqual([p, e.name, e.industry, e.village, villages.get(e.village!)]);
          expect(r.rating).toBe(own.find((o) => o.uscc === r.uscc)!.rating);
        }
        const excel = readFileSync(join(site.dir, `credit/period/${p}-excel.csv`), 'utf8');
        expect(excel.startsWith('\uFEFF'), p).toBe(true);
        const back = Papa.parse<Record<string, string>>(excel.slice(1), { header: true, skipEmptyLines: true });
        expect(back.meta.linebreak).toBe('\r\n');
        expect(back.data.map((r) => r.name)).toEqual(rows.map((r) => r.name));
      }
    });
  });
}
