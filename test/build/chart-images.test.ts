/**
 * Chart images and embeds (issue #15 items 3 and 6), on the fixture site built under its base
 * path: every indicator has /indicators/<id>/chart.svg — well-formed XML that says what it shows
 * and where it came from — and /embed/indicators/<id>/, a framable page that only the embeds are.
 */
import { HOST_FILES } from '../../src/build/hosting/rules.ts';
import { EMBED_HEIGHT, licenceLink } from '../../src/lib/publishing/embed.ts';
import { YEAR_END_NOTE } from '../../src/lib/charts/chart-svg.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { listFiles, readHtml } from '../helpers/html.ts';
import { BUILD_DATE, SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';

const site = FIXTURE_SITE;
const absolute = (path: string) => `${new URL(SITE_URL).origin}${SITE_BASE}${path}`;
const indicators = csvRows(site, 'indicators');
const observations = csvRows(site, 'observations');
const observationsMeta = csvRows(site, 'datasets').find((d) => d.table === 'observations')!;
const progress = new Map(
  Papa.parse<Record<string, string>>(readFileSync(join(site.dir, 'data/indicator-progress.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map(
    (r) => [r.indicator!, r],
  ),
);

/** The text an SVG shows (its <text>, <title> and <desc>, entities decoded), one element a line. */
function svgText(svg: string): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (typeof n === 'string' || typeof n === 'number') out.push(String(n));
    else if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') for (const [k, v] of Object.entries(n)) if (!k.startsWith('@_')) walk(v);
  };
  walk(new XMLParser({ ignoreAttributes: true, htmlEntities: false }).parse(svg));
  return out.join('\n');
}

describe('chart images (/indicators/<id>/chart.svg)', () => {
  it('exist for every indicator, are well-formed SVG, and carry title, target, deadline, status, source, licence, site address and date', () => {
    expect(indicators.length).toBeGreaterThan(10);
    for (const ind of indicators) {
      const svg = readFileSync(join(site.dir, `indicators/${ind.id}/chart.svg`), 'utf8');
      expect(() => SyntaxValidator.validate(svg), ind.id).not.toThrow();
      expect(svg, ind.id).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="\d+"/);
      // Lines are wrapped: compare without the breaks.
      const text = svgText(svg);
      const flat = text.replace(/\n/g, '');
      const p = progress.get(ind.id!)!;
      const cmp = p.comparator === '>=' ? '≥' : '≤';
      expect(text, ind.id).toContain(ind.name);
      expect(flat, ind.id).toContain(`目标 ${cmp} ${p.target}`);
      expect(flat, ind.id).toContain(`期限 ${ind.target_date}`);
      expect(flat, ind.id).toContain(`结论：${p.verdict}`);
      for (const source of new Set(
        observations
          .filter((o) => o.indicator === ind.id)
          .map((o) => o.source)
          .filter(Boolean),
      ))
        expect(flat, ind.id).toContain(source);
      expect(flat, ind.id).toContain(`许可：${observationsMeta.licence}`);
      expect(flat, ind.id).toContain('顾山镇生态文明建设公开数据');
      expect(flat, ind.id).toContain(absolute(`indicators/${ind.id}/`));
      expect(flat, ind.id).toContain(BUILD_DATE);
    }
  });

  it('hold the same plot as the indicator page (one chart model): same marks at the same places, years at 1 January', () => {
    for (const ind of indicators) {
      const svg = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
      const image = readFileSync(join(site.dir, `indicators/${ind.id}/chart.svg`), 'utf8');
      const page = readHtml(site.dir, `indicators/${ind.id}/index.html`).querySelector('indicator-chart svg')!;
      const marks = (s: string) =>
        [...s.matchAll(/data-(date|deadline|year-start|year-label)="([^"]*)"(?: data-x="([^"]*)")?/g)].map((m) => m.slice(1).join(' '));
      expect(marks(image), ind.id).toEqual(marks(page.innerHTML));
      expect(
        marks(image).some((m) => m.startsWith('year-start')),
        ind.id,
      ).toBe(true);
      expect(svg.parse(image).svg, ind.id).toBeDefined();
    }
  });

  it('label the value axis with several ticks, start it at zero or show a break and the change in percent, and state the year-end convention', () => {
    for (const ind of indicators) {
      const image = readFileSync(join(site.dir, `indicators/${ind.id}/chart.svg`), 'utf8');
      const ticks = [...image.matchAll(/data-value-tick="([^"]+)"/g)].map((m) => Number(m[1]));
      expect(ticks.length, ind.id).toBeGreaterThanOrEqual(3);
      // The page's plot and the image (and the PNG drawn from it) share the axis.
      const page = readHtml(site.dir, `indicators/${ind.id}/index.html`);
      expect(
        page.querySelectorAll('indicator-chart svg [data-value-tick]').map((t) => Number(t.getAttribute('data-value-tick'))),
        ind.id,
      ).toEqual(ticks);
      const broken = image.includes('data-axis-break');
      expect(broken || ticks[0] === 0, ind.id).toBe(true);
      expect(page.querySelector('[data-axis-note]') !== null, ind.id).toBe(broken);
      expect(svgText(image), ind.id).toContain(YEAR_END_NOTE);
    }
    // 耕地保有量 3.1 → 3.2 万亩 against a target of 3.3: broken, with the change beside it.
    const arable = readFileSync(join(site.dir, 'indicators/arable-land-kept/chart.svg'), 'utf8');
    expect(arable).toContain('data-axis-break');
    expect(svgText(arable)).toContain('纵轴不从 0 开始（≈ 为折断号）：2017–2019 年 +3.2\u00a0%');
    expect(readHtml(site.dir, 'indicators/arable-land-kept/index.html').querySelector('[data-axis-note]')!.textContent).toContain(
      '变化幅度：2017–2019 年 +3.2\u00a0%',
    );
    // 16.7 % → 33.3 % against 25 %: from zero, no break.
    const rivers = readFileSync(join(site.dir, 'indicators/class3-rivers/chart.svg'), 'utf8');
    expect(rivers).not.toContain('data-axis-break');
    expect([...rivers.matchAll(/data-value-tick="([^"]+)"/g)].map((m) => m[1])).toEqual(['0', '10', '20', '30', '40']);
  });

  it('are offered on every indicator page as SVG, and as PNG with JavaScript', () => {
    for (const ind of indicators) {
      const doc = readHtml(site.dir, `indicators/${ind.id}/index.html`);
      const box = doc.querySelector('chart-image')!;
      expect(box.getAttribute('data-svg'), ind.id).toBe(`${SITE_BASE}indicators/${ind.id}/chart.svg`);
      expect(box.querySelector('a[data-download=chart-svg]')?.getAttribute('href'), ind.id).toBe(`${SITE_BASE}indicators/${ind.id}/chart.svg`);
      expect(box.querySelector('button[data-download=chart-png]')?.hasAttribute('hidden'), ind.id).toBe(true);
    }
  });
});

describe('embeds (/embed/indicators/<id>/)', () => {
  const embeds = indicators.map((i) => [i, `embed/indicators/${i.id}/index.html`] as const);

  it('show the chart, the verdict and the source, link back to the indicator page, with no site navigation and no script', () => {
    for (const [ind, file] of embeds) {
      const doc = readHtml(site.dir, file);
      expect(doc.querySelector('h1 a')?.getAttribute('href'), file).toBe(`${SITE_BASE}indicators/${ind.id}/`);
      expect(doc.querySelector('h1')?.textContent, file).toBe(ind.name);
      expect(doc.querySelector('svg.svg-chart [data-deadline]'), file).not.toBeNull();
      expect(doc.querySelector('.progress-badge')?.getAttribute('data-status'), file).toBe(
        readHtml(site.dir, `indicators/${ind.id}/index.html`).querySelector('.verdict .progress-badge')?.getAttribute('data-status'),
      );
      expect(doc.querySelector('.embed-explanation')?.textContent.length, file).toBeGreaterThan(5);
      expect(doc.querySelector('.embed-source')?.textContent, file).toContain('数据来源');
      expect(doc.querySelector('.embed-source')?.textContent, file).toContain(`许可：${observationsMeta.licence}`);
      expect(doc.querySelector('.site-nav, .site-header, .site-footer, script'), file).toBeNull();
      expect(doc.querySelector('.sample-notice'), file).not.toBeNull();
      // The licence's own text, not a page of this site; every link leaves the frame (test/e2e/embed.test.ts follows one).
      expect(doc.querySelector('.embed-source a[rel~=license]')?.getAttribute('href'), file).toBe(
        licenceLink({ licence: observationsMeta.licence!, licence_url: observationsMeta.licence_url }).url,
      );
      expect(doc.querySelector('base')?.getAttribute('target'), file).toBe('_blank');
      for (const a of doc.querySelectorAll('a')) {
        expect(a.getAttribute('target'), `${file}: ${a.text}`).toBe('_blank');
        expect(a.getAttribute('rel')?.split(' '), `${file}: ${a.text}`).toContain('noopener');
      }
    }
  });

  it('point their canonical link to the indicator page and stay out of search engines, the site search and the sitemap', () => {
    const sitemap = listFiles(site.dir)
      .filter((f) => /^sitemap-\d+\.xml$/.test(f))
      .map((f) => readFileSync(join(site.dir, f), 'utf8'))
      .join('\n');
    expect(sitemap).toContain(absolute(`indicators/${indicators[0]!.id}/`));
    expect(sitemap).not.toContain('/embed/');
    for (const [ind, file] of embeds) {
      const doc = readHtml(site.dir, file);
      expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href'), file).toBe(absolute(`indicators/${ind.id}/`));
      expect(doc.querySelector('meta[name=robots]')?.getAttribute('content'), file).toBe('noindex');
      // Pagefind indexes only pages with data-pagefind-body once any page has one.
      expect(doc.querySelector('[data-pagefind-body]'), file).toBeNull();
      expect(readHtml(site.dir, `indicators/${ind.id}/index.html`).querySelector('[data-pagefind-body]'), file).not.toBeNull();
    }
  });

  it('are the only pages _headers lets other sites frame', () => {
    const headers = readFileSync(join(site.dir, '_headers'), 'utf8');
    const blocks = headers.split(/\n(?=\S)/).map((b) => ({ path: b.split('\n')[0]!, body: b }));
    const embed = blocks.filter((b) => b.path.includes('/embed'));
    expect(embed.map((b) => b.path)).toEqual([`${SITE_BASE}embed/*`]);
    expect(embed[0]!.body).toMatch(/Content-Security-Policy: .*; frame-ancestors \*\n/);
    expect(embed[0]!.body).not.toContain('X-Frame-Options');
    // Every other rule that sends a CSP forbids framing by others, and none can match an embed page.
    for (const b of blocks.filter((x) => x.body.includes('Content-Security-Policy') && !x.path.includes('/embed'))) {
      expect(b.body, b.path).toMatch(/frame-ancestors 'self'\n/);
      expect(b.body, b.path).toContain('X-Frame-Options: SAMEORIGIN');
      const prefix = b.path.replace(/\*$/, '');
      expect(`${SITE_BASE}embed/indicators/x/`.startsWith(prefix) && b.path.endsWith('*'), b.path).toBe(false);
      expect(b.path === `${SITE_BASE}embed/indicators/x/`, b.path).toBe(false);
    }
    // Every top-level entry of the site is covered by a rule.
    for (const top of new Set(listFiles(site.dir).map((f) => f.split('/')[0]!))) {
      if ((HOST_FILES as readonly string[]).includes(top)) continue;
      expect(
        blocks.some((b) => b.path === `${SITE_BASE}${top}` || b.path.startsWith(`${SITE_BASE}${top}/`)),
        top,
      ).toBe(true);
    }
  });

  it('are offered on every indicator page as a copyable <iframe> snippet with the absolute address and a title', () => {
    for (const ind of indicators) {
      const doc = readHtml(site.dir, `indicators/${ind.id}/index.html`);
      // node-html-parser keeps a <pre>'s content raw: drop the <code> tags around the snippet.
      const code = (doc.querySelector('.embed-code [data-cite=embed]')?.text ?? '').replace(/<\/?code[^>]*>/g, '').trim();
      const iframe = parse(code).querySelector('iframe');
      expect(code.startsWith('<iframe ') && code.endsWith('></iframe>'), ind.id).toBe(true);
      expect(iframe?.getAttribute('src'), ind.id).toBe(absolute(`embed/indicators/${ind.id}/`));
      expect(iframe?.getAttribute('title'), ind.id).toBe(`${ind.name}：指标进展`);
      // As wide as the host's column, as tall as the card needs at 320 px (src/lib/publishing/embed.ts).
      expect(iframe?.getAttribute('width'), ind.id).toBe('100%');
      expect(Number(iframe?.getAttribute('height')), ind.id).toBe(EMBED_HEIGHT);
      expect(doc.querySelector('.embed-code button[data-copy-cite=embed]'), ind.id).not.toBeNull();
      expect(existsSync(join(site.dir, `embed/indicators/${ind.id}/index.html`)), ind.id).toBe(true);
    }
  });
});
