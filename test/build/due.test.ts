/**
 * What is due, on the fixture site (BUILD_DATE 2026-01-15): /due/ in its order, each village's
 * section, the calendar files read by ical.js and the village feeds read by feedparser, every
 * event and item checked against the fixture's rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../helpers/feed.ts';
import { readHtml } from '../helpers/html.ts';
import type { HTMLElement } from 'node-html-parser';
import { BUILD_DATE, SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { endOfPartialDate } from '../../src/lib/dates.ts';

const HOST = new URL(SITE_URL).host;
const problems = csvRows(FIXTURE_SITE, 'problems');
const unfinished = problems.filter((p) => (p.status === '待整改' || p.status === '整改中') && p.deadline);
const problemUrl = (id: string) => `${SITE_URL}${SITE_BASE}problems/${id}/`;
const compact = (d: string) => d.replaceAll('-', '');

interface Event {
  uid: string;
  start: string;
  end: string;
  url: string;
  summary: string;
}
function readCalendar(file: string): { name: string; description: string; events: Event[]; raw: string } {
  const raw = readFileSync(join(FIXTURE_SITE.dir, file), 'utf8');
  const cal = new ICAL.Component(ICAL.parse(raw) as unknown[]);
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, start: e.startDate.toString(), end: e.endDate.toString(), url: String(v.getFirstPropertyValue('url')), summary: e.summary };
  });
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), description: String(cal.getFirstPropertyValue('x-wr-caldesc')), events, raw };
}
const expectedProblemEvents = (rows: Array<Record<string, string>>) =>
  rows
    .map((p) => ({ uid: `problem-${p.id}-${compact(p.deadline!)}@${HOST}`, start: p.deadline, url: problemUrl(p.id!) }))
    .sort((a, b) => (a.uid < b.uid ? -1 : 1));
const asExpected = (events: Event[]) => events.map(({ uid, start, url }) => ({ uid, start, url })).sort((a, b) => (a.uid < b.uid ? -1 : 1));

describe('/due/', () => {
  const doc = readHtml(FIXTURE_SITE.dir, 'due/index.html');

  it('lists unfinished problems overdue first (oldest deadline first), then this month, next month, later', () => {
    const groups = doc
      .querySelectorAll('[data-due-group]')
      .map((g) => [g.getAttribute('data-due-group'), g.querySelectorAll('li[data-id]').map((li) => li.getAttribute('data-id'))]);
    expect(groups).toEqual([
      ['overdue', ['GS-2018-001', 'GS-2019-001', 'GS-2019-004', 'GS-2019-005', 'GS-2019-007']],
      ['thisMonth', ['GS-2019-008']],
      ['nextMonth', ['GS-2019-009']],
      ['later', ['GS-2019-003']],
    ]);
    // Exactly the fixture's unfinished problems with a deadline.
    expect(doc.querySelectorAll('[data-due-group] li[data-id]').length).toBe(unfinished.length);
    const first = doc.querySelector('[data-due-group="overdue"] li')!;
    const days = (li: HTMLElement) => li.querySelector('[data-due-days]')!.textContent.trim();
    expect(days(first)).toBe('已逾期 2755 天');
    expect(first.querySelector('a')!.getAttribute('href')).toBe(`${SITE_BASE}problems/GS-2018-001/`);
    expect(days(doc.querySelector('[data-due-group="thisMonth"] li')!)).toBe('还有 16 天');
  });

  it('lists the plan targets whose deadline has not passed, nearest first, linked to their indicators', () => {
    const expected = csvRows(FIXTURE_SITE, 'indicators')
      .filter((i) => endOfPartialDate(i.target_date!) >= BUILD_DATE)
      .map((i) => i.id);
    expect(expected.length).toBeGreaterThan(0);
    const shown = doc.querySelectorAll('[data-due-targets] li[data-indicator]');
    expect(shown.map((li) => li.getAttribute('data-indicator')).sort()).toEqual([...expected].sort());
    for (const li of shown) expect(li.querySelector('a')!.getAttribute('href')).toBe(`${SITE_BASE}indicators/${li.getAttribute('data-indicator')}/`);
  });

  it('is in the navigation, and links its calendar visibly and in the head', () => {
    expect(doc.querySelector(`.site-nav a[href="${SITE_BASE}due/"]`)?.getAttribute('aria-current')).toBe('page');
    expect(doc.querySelector('head link[rel=alternate][type="text/calendar"]')?.getAttribute('href')).toBe(`${SITE_BASE}due.ics`);
    expect(doc.querySelector('[data-calendar-link]')?.getAttribute('href')).toBe(`${SITE_BASE}due.ics`);
  });
});

describe('/due.ics', () => {
  const cal = readCalendar('due.ics');

  it('has one all-day event per deadline, with a UID from the record, its date and its absolute URL', () => {
    const targets = csvRows(FIXTURE_SITE, 'indicators')
      .map((i) => ({ id: i.id!, date: endOfPartialDate(i.target_date!) }))
      .filter((i) => i.date >= BUILD_DATE);
    const expected = [
      ...expectedProblemEvents(unfinished),
      ...targets.map((i) => ({ uid: `indicator-${i.id}-${compact(i.date)}@${HOST}`, start: i.date, url: `${SITE_URL}${SITE_BASE}indicators/${i.id}/` })),
    ].sort((a, b) => (a.uid < b.uid ? -1 : 1));
    expect(asExpected(cal.events)).toEqual(expected);
    for (const e of cal.events) {
      const next = new Date(Date.parse(`${e.start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(e.end, e.uid).toBe(next);
    }
    expect(cal.events.find((e) => e.uid.startsWith('problem-GS-2019-008-'))?.summary).toBe('整改期限：雨水排口晴天排水（GS-2019-008）');
    expect(cal.name).toContain('到期事项');
  });

  it('is iCalendar as RFC 5545 writes it: CRLF, lines of at most 75 octets', () => {
    expect(cal.raw.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(cal.raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const p of ['VERSION:2.0', 'CALSCALE:GREGORIAN', 'PRODID:']) expect(cal.raw).toContain(`\r\n${p}`);
  });
});

describe("a village's due section, calendar and feed", () => {
  const villages = csvRows(FIXTURE_SITE, 'villages');
  const townWide = unfinished.filter((p) => !p.village);

  it('shows its unfinished problems by deadline, and the town-wide ones in their own list', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'villages/dongcun/index.html');
    const section = doc.querySelector('[data-village-due]')!;
    const own = section
      .querySelectorAll(':scope > [data-due-group]')
      .map((g) => [g.getAttribute('data-due-group'), g.querySelectorAll('li').map((li) => li.getAttribute('data-id'))]);
    expect(own).toEqual([
      ['overdue', ['GS-2019-005']],
      ['thisMonth', ['GS-2019-008']],
      ['nextMonth', ['GS-2019-009']],
    ]);
    expect(townWide.length).toBeGreaterThan(0);
    expect(section.querySelectorAll('[data-due-town-wide] li[data-id]').map((li) => li.getAttribute('data-id'))).toEqual(townWide.map((p) => p.id));
  });

  it('links its calendar and feed on the page and in the head', () => {
    for (const v of villages) {
      const doc = readHtml(FIXTURE_SITE.dir, `villages/${v.id}/index.html`);
      expect(doc.querySelector('head link[rel=alternate][type="text/calendar"]')?.getAttribute('href'), v.id).toBe(`${SITE_BASE}villages/${v.id}/due.ics`);
      const feeds = doc.querySelectorAll('head link[rel=alternate][type="application/rss+xml"]').map((l) => l.getAttribute('href'));
      expect(feeds, v.id).toContain(`${SITE_BASE}villages/${v.id}/feed.xml`);
      expect(doc.querySelector('[data-calendar-link]')?.getAttribute('href'), v.id).toBe(`${SITE_BASE}villages/${v.id}/due.ics`);
      expect(doc.querySelector('[data-feed-link]')?.getAttribute('href'), v.id).toBe(`${SITE_BASE}villages/${v.id}/feed.xml`);
    }
  });

  it("has a calendar of the village's deadlines and the town-wide ones", () => {
    for (const v of villages) {
      const cal = readCalendar(`villages/${v.id}/due.ics`);
      expect(asExpected(cal.events), v.id).toEqual(expectedProblemEvents([...unfinished.filter((p) => p.village === v.id), ...townWide]));
      expect(cal.name, v.id).toContain(v.name!);
      // Every town-wide deadline is there, and the description says so.
      expect(cal.description, v.id).toBe(`${v.name}尚未完成整改的问题和全镇范围的问题的整改期限。`);
    }
  });

  it('has a feed of its problems: each one reported, each completion, each deadline passed while open', async () => {
    const items = await readFeed(join(FIXTURE_SITE.dir, 'villages/dongcun/feed.xml'));
    const mine = problems.filter((p) => p.village === 'dongcun');
    // Every item is about one of the village's problems, at its absolute address.
    expect(new Set(items.map((i) => i.link))).toEqual(new Set(mine.map((p) => problemUrl(p.id!))));
    const titles = items.map((i) => i.title);
    for (const p of mine) expect(titles, p.id).toContain(`${p.id} ${p.title}（新曝光）`);
    expect(titles).toContain('GS-2017-001 企业偷排废水（已销号）');
    expect(titles).toContain('GS-2019-005 河道沿岸生活垃圾堆积（整改期限已过，仍未完成）');
    const dated = (title: string) => items.find((i) => i.title === title)!.pubdate!.toISOString();
    expect(dated('GS-2019-005 河道沿岸生活垃圾堆积（整改期限已过，仍未完成）')).toBe(new Date('2019-09-30T00:00:00+08:00').toISOString());
    // Newest first, and each event once.
    const times = items.map((i) => i.pubdate!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(items.map((i) => i.guid)).size).toBe(items.length);
    for (const v of villages) expect(existsSync(join(FIXTURE_SITE.dir, `villages/${v.id}/feed.xml`)), v.id).toBe(true);
  });
});
