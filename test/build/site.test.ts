import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readHtml } from '../helpers/html.ts';
import { FIXTURE_CONTENT, SITE_BASE, SITE_DIR } from '../helpers/paths.ts';
import { BOTH_SITES, isUndatedPage, planIds } from '../helpers/sites.ts';

const PLAN_PAGE = 'plan/gushan-2017/index.html';

/** The document's structure: 一…四 chapters, （一）…（八） sections, 一是…三是 sub-sections. */
const EXPECTED_HEADINGS: Array<[string, string, string]> = [
  ['h2', 'notice', '关于印发《顾山镇2017年生态文明建设实施方案》的通知'],
  ['h2', 'preamble', '顾山镇2017年生态文明建设实施方案'],
  ['h2', 's1', '一、指导思想'],
  ['h2', 's2', '二、总体目标'],
  ['h2', 's3', '三、工作措施'],
  ['h3', 's3-1', '（一）严格红线管控，推动国土空间布局更加科学'],
  ['h3', 's3-2', '（二）突出节约优先，推动资源能源利用更加高效'],
  ['h3', 's3-3', '（三）加快转型升级，推动绿色发展成效更加彰显'],
  ['h3', 's3-4', '（四）强化污染防治，推动环境质量改善更加明显'],
  ['h4', 's3-4-1', '一是聚力气质提升，着力做好大气污染防治。'],
  ['h4', 's3-4-2', '二是聚力水质改善，着力推进水环境综合整治。'],
  ['h4', 's3-4-3', '三是聚力土质排查，着力打好固废土壤污染防治基础。'],
  ['h3', 's3-5', '（五）加强保护修复，推动生态资产储备更加丰厚'],
  ['h3', 's3-6', '（六）坚持统筹发展，推动城乡人居环境更加美好'],
  ['h3', 's3-7', '（七）倡导绿色生活，推动全民参与氛围更加浓厚'],
  ['h3', 's3-8', '（八）深化改革创新，推动生态制度体系更加健全'],
  ['h2', 's4', '四、组织保障'],
  ['h3', 's4-1', '（一）加强组织领导。'],
  ['h3', 's4-2', '（二）严格责任考核。'],
  ['h3', 's4-3', '（三）保障资金投入。'],
  ['h3', 's4-4', '（四）提升调控水平。'],
  ['h3', 's4-5', '（五）强化监管执法。'],
];

/** The fixture holds a frozen copy of the real plan (test/fixtures/valid/content/plan/gushan-2017.md). */
describe('the plan page', () => {
  const doc = readHtml(SITE_DIR, PLAN_PAGE);
  const article = doc.querySelector('article.plan-article');

  it('has every chapter, section and sub-section heading, in order, with its stable anchor', () => {
    const headings = article?.querySelectorAll('.plan-text h2, .plan-text h3, .plan-text h4') ?? [];
    const found = headings.map((h) => [h.tagName.toLowerCase(), h.id, h.childNodes[0]?.textContent.trim() ?? '']);
    expect(found).toEqual(EXPECTED_HEADINGS);
  });

  it('has a table of contents whose every link resolves to a heading on the page', () => {
    for (const toc of doc.querySelectorAll('.plan-toc nav')) {
      const links = toc.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
      expect(links).toEqual(EXPECTED_HEADINGS.map(([, id]) => `#${id}`));
      for (const l of links) expect(doc.getElementById(l.slice(1)), l).not.toBeNull();
    }
    expect(doc.querySelectorAll('.plan-toc nav')).toHaveLength(2);
  });

  it('gives every heading a visible copy-link to itself', () => {
    for (const [, id] of EXPECTED_HEADINGS) {
      const link = doc.getElementById(id)?.querySelector('a.heading-link');
      expect(link?.getAttribute('href'), id).toBe(`#${id}`);
      expect(link?.textContent.trim()).toBe('#');
    }
  });

  it('shows the metadata block: issuer, date, type, recipients', () => {
    const meta = doc.querySelector('.plan-meta')?.textContent ?? '';
    expect(meta).toContain('江阴市顾山镇人民政府');
    expect(meta).toContain('2017年9月25日');
    expect(meta).toContain('各村（社区）、“263”专项行动领导小组相关成员单位');
    expect(doc.querySelector('.plan-meta time')?.getAttribute('datetime')).toBe('2017-09-25');
  });

  it('serves the Markdown source byte for byte', () => {
    const served = readFileSync(join(SITE_DIR, 'plan/gushan-2017.md'));
    expect(served.equals(readFileSync(join(FIXTURE_CONTENT, 'plan/gushan-2017.md')))).toBe(true);
  });
});

for (const site of BOTH_SITES) {
  const SITE_DIR = site.dir;
  describe(`every page of ${site.name}`, () => {
    const pages = listFiles(SITE_DIR).filter((f) => f.endsWith('.html'));

    it('serves every plan and its Markdown source byte for byte', () => {
      const plans = planIds(site);
      expect(plans.length).toBeGreaterThan(0);
      for (const id of plans) {
        expect(pages, id).toContain(`plan/${id}/index.html`);
        expect(readFileSync(join(SITE_DIR, `plan/${id}.md`)).equals(readFileSync(join(site.contentDir, `plan/${id}.md`))), id).toBe(true);
      }
    });

    it('includes the pages of DESIGN §5 that exist so far', () => {
      for (const p of [
        'index.html',
        '404.html',
        'plan/index.html',
        'about/index.html',
        'indicators/index.html',
        'problems/index.html',
        'credit/index.html',
        'data/index.html',
        'search/index.html',
      ]) {
        expect(pages, p).toContain(p);
      }
      expect(existsSync(join(SITE_DIR, 'sitemap-index.xml'))).toBe(true);
    });

    it('is Chinese, has a skip link, the navigation, a search box and the footer (embeds: Chinese only)', () => {
      for (const p of pages) {
        const doc = readHtml(SITE_DIR, p);
        expect(doc.querySelector('html')?.getAttribute('lang'), p).toBe('zh-CN');
        // Embed pages are framed into other sites: no navigation, header or footer of ours.
        if (p.startsWith('embed/')) continue;
        expect(doc.querySelector('a.skip-link')?.getAttribute('href'), p).toBe('#main');
        expect(doc.getElementById('main'), p).not.toBeNull();
        expect(
          doc.querySelectorAll('.site-nav a').map((a) => a.textContent),
          p,
        ).toEqual(['计划原文', '指标进展', '问题曝光', '村（社区）', '到期事项', '企业环境信用', '数据下载', '搜索']);
        expect(doc.querySelector('form.header-search')?.getAttribute('action'), p).toBe(`${SITE_BASE}search/`);
        // The build date in the footer of every page but a record's, a commit's and the register's numbered pages (which change only with what they show).
        expect(doc.querySelector('.site-footer time')?.getAttribute('datetime'), p).toBe(isUndatedPage(p) ? undefined : site.buildDate);
      }
    });

    it('links and loads only files that exist, always under the base path', () => {
      const files = new Set(listFiles(SITE_DIR));
      const broken: string[] = [];
      for (const p of pages) {
        const doc = readHtml(SITE_DIR, p);
        for (const el of doc.querySelectorAll('[href], [src]')) {
          const raw = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
          if (/^(https?:|mailto:|#)/.test(raw)) continue;
          const url = new URL(raw, `https://example.org/${SITE_BASE.slice(1)}${p}`);
          if (!url.pathname.startsWith(SITE_BASE)) {
            broken.push(`${p}: ${raw} (outside the base path)`);
            continue;
          }
          let rel = decodeURIComponent(url.pathname.slice(SITE_BASE.length));
          if (rel === '' || rel.endsWith('/')) rel += 'index.html';
          if (!files.has(rel)) broken.push(`${p}: ${raw}`);
        }
      }
      expect(broken).toEqual([]);
    });

    it('loads nothing from another host', () => {
      for (const p of pages) {
        const doc = readHtml(SITE_DIR, p);
        for (const el of doc.querySelectorAll('script[src], link[rel=stylesheet], img, iframe, link[rel=icon]')) {
          const ref = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
          expect(ref, `${p}`).not.toMatch(/^(https?:)?\/\//);
        }
      }
    });
  });
}
