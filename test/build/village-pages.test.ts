/** A village page and its noticeboard sheet: the colours of its enterprises explained, and the town's own problems listed. */
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { buildLogOf, SITE_BASE } from '../helpers/paths.ts';
import { readFileSync } from 'node:fs';
import { LOCAL_SITE_WARNING } from '../../src/lib/urls.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { comparePeriods } from '../../src/lib/dates.ts';
import { schemeFor } from '../../src/lib/credit-schemes.ts';

describe('a village page', () => {
  const levels = csvRows(FIXTURE_SITE, 'credit-levels');
  const ratings = csvRows(FIXTURE_SITE, 'credit-ratings');
  const schemes = csvRows(FIXTURE_SITE, 'credit-schemes').map((s) => ({
    id: s.id!,
    name: s.name!,
    valid_from: s.valid_from!,
    valid_to: s.valid_to || undefined,
    period_kind: s.period_kind as '年度' | '半年度',
  }));
  /** An enterprise's latest rating as "scheme rating": a colour means what its scheme says. */
  const latest = (uscc: string) => {
    const r = ratings
      .filter((r) => r.uscc === uscc)
      .sort((a, b) => comparePeriods(a.period!, b.period!))
      .at(-1);
    return r ? `${schemeFor(r.period!, schemes)!.id} ${r.rating}` : undefined;
  };

  it('explains each colour its enterprises have under the scheme it was given under, in the order of the scale, and links to the consequences', () => {
    let explained = 0;
    for (const v of csvRows(FIXTURE_SITE, 'villages')) {
      const shown = new Set(
        csvRows(FIXTURE_SITE, 'enterprises')
          .filter((e) => e.village === v.id)
          .flatMap((e) => latest(e.uscc!) ?? []),
      );
      const doc = readHtml(FIXTURE_SITE.dir, `villages/${v.id}/index.html`);
      const items = doc.querySelectorAll('[data-colour-meanings] li').map((li) => li.textContent.replace(/\s+/g, ' ').trim());
      const expected = levels
        .filter((l) => shown.has(`${l.scheme} ${l.rating}`))
        .map((l) => `${l.rating} ${l.label}：${l.meaning} 按${schemes.find((s) => s.id === l.scheme)!.name}评价`);
      expect(items, v.id).toEqual(expected);
      if (expected.length > 0) {
        explained++;
        expect(doc.querySelector(`a[href="${SITE_BASE}credit/#scheme-h"]`), v.id).not.toBeNull();
      }
    }
    expect(explained).toBeGreaterThan(1);
  });

  it('and its sheet list the unfinished problems of the whole town (no village), since they concern every village', () => {
    const open = csvRows(FIXTURE_SITE, 'problems')
      .filter((p) => !p.village && (p.status === '待整改' || p.status === '整改中'))
      .map((p) => p.id);
    expect(open.length).toBeGreaterThan(0);
    for (const v of csvRows(FIXTURE_SITE, 'villages')) {
      const page = readHtml(FIXTURE_SITE.dir, `villages/${v.id}/index.html`).querySelector('[data-town-wide]');
      expect(page, v.id).not.toBeNull();
      expect(
        page!
          .querySelectorAll('tr[data-id]')
          .map((tr) => tr.getAttribute('data-id'))
          .sort(),
        v.id,
      ).toEqual([...open].sort());
      const sheet = readHtml(FIXTURE_SITE.dir, `villages/${v.id}/notice/index.html`).querySelector('[data-town-wide]');
      expect(sheet, v.id).not.toBeNull();
      for (const id of open.slice(0, 2)) expect(sheet!.textContent, `${v.id} ${id}`).toContain(id);
    }
  });

  it('has no preview mark on its sheet, and the build no SITE_URL warning, when SITE_URL is set (the mark and warning: generated.test.ts)', () => {
    for (const v of csvRows(FIXTURE_SITE, 'villages')) {
      expect(readHtml(FIXTURE_SITE.dir, `villages/${v.id}/notice/index.html`).querySelector('[data-notice-local]'), v.id).toBeNull();
    }
    expect(readFileSync(buildLogOf(FIXTURE_SITE.dir), 'utf8')).not.toContain(LOCAL_SITE_WARNING);
  });
});
