/**
 * A record's page (a problem, an enterprise, a village, an indicator, a removed record) shows
 * nothing that changes with every build's day or commit: no build date, no data version, no count
 * of days to or past a deadline. It changes only with its rows, so an unchanged record's page is
 * the same from build to build. List pages, /due/ and the change log keep their per-build facts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readHtml } from '../helpers/html.ts';
import { FIXTURE_SITE, isRecordPage } from '../helpers/sites.ts';
import { formatDateZh } from '../../src/lib/dates.ts';

const site = FIXTURE_SITE;
const pages = listFiles(site.dir).filter((f) => f.endsWith('.html'));
const records = pages.filter(isRecordPage);
const text = (file: string) => readFileSync(join(site.dir, file), 'utf8');
/** The data version (HEAD), as the build's data-version.json names it for the lists' filtered downloads. */
const head = (JSON.parse(text('data-version.json')) as { version: string | null }).version;
/** Counts of days that move every day: "已逾期 12 天", "已过去 3 天", "还有 5 天". */
const DAY_COUNT = /已逾期 ?\d+ ?天|已过去 ?\d+ ?天|还有 ?\d+ ?天/;

describe('record pages', () => {
  it('are every problem, enterprise, village and indicator page of the fixture', () => {
    const kinds = new Map<string, number>();
    for (const f of records) kinds.set(f.split('/')[0]!, (kinds.get(f.split('/')[0]!) ?? 0) + 1);
    expect(kinds.get('problems')).toBeGreaterThan(5);
    expect(kinds.get('credit')).toBeGreaterThan(3);
    expect(kinds.get('villages')).toBeGreaterThan(1);
    expect(kinds.get('indicators')).toBeGreaterThan(3);
    expect(records).not.toContain('villages/dongcun/notice/index.html');
    expect(records).not.toContain('problems/index.html');
  });

  it('carry neither the build date nor the data version nor a count of days', () => {
    expect(head).toMatch(/^[0-9a-f]{12}$/);
    for (const f of records) {
      const html = text(f);
      expect(html, f).not.toContain(site.buildDate);
      expect(html, f).not.toContain(formatDateZh(site.buildDate));
      // A record cites its own version; the data version is HEAD's, unless the record itself changed there.
      const own = readHtml(site.dir, f).querySelector('[data-cite-version]')?.getAttribute('data-cite-version');
      if (own !== head) expect(html, f).not.toContain(head!.slice(0, 7));
      expect(html, f).not.toMatch(DAY_COUNT);
    }
  });

  it('say that a problem is overdue, with its deadline, and leave the access date of a citation to the reader', () => {
    const doc = readHtml(site.dir, 'problems/GS-2018-001/index.html');
    expect(doc.querySelector('[data-overdue]')?.textContent.trim()).toContain('逾期未完成');
    expect(doc.querySelector('[data-cite="gbt"]')?.textContent).toContain('[引用日期]');
    expect(doc.querySelector('[data-cite-accessed-note]')?.textContent).toBe('引用时请把“引用日期”换成你访问本页的日期。');
    expect(doc.querySelector('.site-footer')?.textContent).not.toContain('本站构建于');
  });
});

describe('list pages', () => {
  it('keep the build date in the footer and the days overdue; the data version is in data-version.json, not on them', () => {
    for (const f of ['index.html', 'problems/index.html', 'credit/index.html', 'due/index.html', 'villages/dongcun/notice/index.html']) {
      expect(readHtml(site.dir, f).querySelector('.site-footer time')?.getAttribute('datetime'), f).toBe(site.buildDate);
    }
    expect(head).toMatch(/^[0-9a-f]{12}$/);
    for (const f of ['problems/index.html', 'credit/index.html']) expect(text(f), f).not.toMatch(/data-version=/);
    expect(text('due/index.html')).toMatch(/已逾期 \d+ 天/);
    expect(text('villages/dongcun/notice/index.html')).toMatch(/已逾期 \d+ 天/);
  });
});
