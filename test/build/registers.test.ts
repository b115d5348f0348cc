import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactText, readHtml } from '../helpers/html.ts';
import { readFeed } from '../helpers/feed.ts';
import { SITE_BASE, SITE_URL } from '../helpers/paths.ts';
import { BOTH_SITES, csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { sortedPeriods } from '../../src/lib/ratings.ts';
import { periodLabel } from '../../src/lib/dates.ts';
import { DATA_TABLES } from '../../src/schemas/index.ts';
import { columnNames, columnTitle } from '../../src/schemas/table.ts';

for (const site of BOTH_SITES) {
  const SITE_DIR = site.dir;
  const csv = (name: string) => csvRows(site, name);
  const problems = csv('problems');
  const villages = csv('villages');
  const enterprises = csv('enterprises');
  const ratings = csv('credit-ratings');

  describe(`the problem register of ${site.name}`, () => {
    it('has a page for every problem, with every field', () => {
      for (const p of problems) {
        const file = `problems/${p.id}/index.html`;
        expect(existsSync(join(SITE_DIR, file)), p.id).toBe(true);
        const doc = readHtml(SITE_DIR, file);
        expect(doc.querySelector('h1')?.textContent).toBe(p.title);
        const text = doc.querySelector('article')!.textContent;
        for (const field of ['location', 'description', 'responsible', 'verified', 'source_type'])
          expect(text, `${p.id} ${field}`).toContain(p[field]!.replace(/\r?\n/g, '\n'));
        expect(doc.querySelector('.problem-state [data-status]')?.getAttribute('data-status')).toBe(p.status);
      }
    });

    it('labels each field of a problem page with its column title from the schema (as /data/ publishes it)', () => {
      const def = DATA_TABLES.problems;
      const titles = columnNames(def).map((c) => columnTitle(def, c));
      const doc = readHtml(SITE_DIR, `problems/${problems[0]!.id}/index.html`);
      const labels = doc.querySelectorAll('article dl.meta dt').map((dt) => dt.textContent.replace('：', '').trim());
      expect(labels.length).toBe(12);
      for (const label of labels) expect(titles, label).toContain(label);
      expect(labels).toContain(columnTitle(def, 'source_url'));
    });

    it('shows summary counts that equal the CSV', () => {
      const doc = readHtml(SITE_DIR, 'problems/index.html');
      const counts = (id: string) =>
        new Map(
          doc
            .getElementById(id)!
            .closest('figure')!
            .querySelectorAll('tr')
            .map((tr) => [tr.querySelector('th')!.textContent.trim(), Number(tr.querySelector('.num')!.textContent)]),
        );
      const byStatus = counts('by-status');
      for (const s of ['待整改', '整改中', '已整改', '已销号']) expect(byStatus.get(s), s).toBe(problems.filter((p) => p.status === s).length);
      const byCategory = counts('by-category');
      expect(byCategory.get('水')).toBe(problems.filter((p) => p.categories!.split(';').includes('水')).length);
      const byYear = counts('by-year');
      expect([...byYear.values()].reduce((a, b) => a + b, 0)).toBe(problems.length);
      const overdue = problems.filter((p) => ['待整改', '整改中'].includes(p.status!) && p.deadline && p.deadline < site.buildDate).length;
      expect(doc.querySelector('.summary p')?.textContent).toContain(`其中 ${overdue} 个已过整改期限`);
      if (overdue > 0) expect(doc.querySelectorAll('[data-overdue]').length).toBeGreaterThan(0);
    });

    it('lists every problem across its numbered pages, and publishes the compact index', () => {
      const ids = doc('problems/index.html');
      let n = 2;
      while (existsSync(join(SITE_DIR, `problems/page/${n}/index.html`))) ids.push(...doc(`problems/page/${n++}/index.html`));
      expect(ids.sort()).toEqual(problems.map((p) => p.id!).sort());
      const index = JSON.parse(readFileSync(join(SITE_DIR, 'problems/index.json'), 'utf8')) as Array<{ id: string }>;
      expect(index.map((r) => r.id).sort()).toEqual(problems.map((p) => p.id!).sort());
      function doc(f: string) {
        return readHtml(SITE_DIR, f)
          .querySelectorAll('.problem-table tbody tr')
          .map((tr) => tr.getAttribute('data-id')!);
      }
    });

    it('gives every village a page with its problems and enterprises', () => {
      for (const v of villages) {
        const doc = readHtml(SITE_DIR, `villages/${v.id}/index.html`);
        // Its own problems (the town-wide ones have a section of their own: test/build/village-pages.test.ts).
        const ids = doc.querySelectorAll('section:not([data-town-wide]) > .table-scroll .problem-table tbody tr').map((tr) => tr.getAttribute('data-id'));
        expect(ids.sort(), v.id).toEqual(
          problems
            .filter((p) => p.village === v.id)
            .map((p) => p.id)
            .sort(),
        );
        expect(doc.querySelectorAll('tbody a[href*="/credit/"]').filter((a) => !a.getAttribute('href')!.includes('/credit/schemes/')).length, v.id).toBe(
          enterprises.filter((e) => e.village === v.id).length,
        );
      }
    });

    it('publishes an RSS feed of the 50 newest problems with absolute links under the base path', () => {
      const xml = readFileSync(join(SITE_DIR, 'feed.xml'), 'utf8');
      expect(xml.startsWith('<?xml')).toBe(true);
      // Objections and replies are items too (see below); the problems' are the links to problem pages.
      const links = [...xml.matchAll(/<item><title>[^<]*<\/title><link>([^<]+)<\/link>/g)].map((m) => m[1]).filter((l) => !l!.includes('#response-'));
      expect(links).toHaveLength(Math.min(50, problems.length));
      const newest = [...problems].sort((a, b) => (a.reported === b.reported ? (a.id! < b.id! ? 1 : -1) : a.reported! < b.reported! ? 1 : -1))[0]!;
      expect(links[0]).toBe(`${SITE_URL}${SITE_BASE}problems/${newest.id}/`);
    });
  });

  describe(`credit ratings of ${site.name}`, () => {
    const periods = sortedPeriods(ratings as Array<{ period: string }>);
    const latest = periods.at(-1)!;

    it('has a page for every enterprise with its whole rating history', () => {
      for (const e of enterprises) {
        const doc = readHtml(SITE_DIR, `credit/${e.uscc}/index.html`);
        expect(doc.querySelector('h1')?.textContent).toBe(e.name);
        const rows = doc.querySelectorAll('table tbody tr[data-scheme]').map((tr) => tr.querySelector('th')!);
        const periods = sortedPeriods(ratings.filter((r) => r.uscc === e.uscc) as Array<{ period: string }>);
        expect(
          rows.map((th) => th.getAttribute('data-period')),
          e.uscc,
        ).toEqual(periods);
        // Shown to readers in words: 2019年上半年, not 2019-H1.
        expect(
          rows.map((th) => th.textContent),
          e.uscc,
        ).toEqual(periods.map(periodLabel));
      }
    });

    it('counts each colour of every period like the CSV, and lists red/black and the downgraded', () => {
      for (const p of periods) {
        const doc = readHtml(SITE_DIR, p === latest ? 'credit/index.html' : `credit/period/${p}/index.html`);
        const dist = new Map(
          doc
            .querySelectorAll('.distribution tbody tr')
            .map((tr) => [tr.querySelector('[data-rating]')!.getAttribute('data-rating'), Number(tr.querySelectorAll('.num')[0]!.textContent)]),
        );
        for (const c of ['绿色', '蓝色', '黄色', '红色', '黑色'])
          expect(dist.get(c), `${p} ${c}`).toBe(ratings.filter((r) => r.period === p && r.rating === c).length);
        expect(doc.getElementById('warn-h')?.textContent).toContain(
          `（${ratings.filter((r) => r.period === p && (r.rating === '红色' || r.rating === '黑色')).length}）`,
        );
      }
    });

    it('shows every rating with its label, never by colour alone', () => {
      const village = enterprises[0]!.village;
      for (const f of ['credit/index.html', `credit/${enterprises[0]!.uscc}/index.html`, `villages/${village}/index.html`]) {
        for (const b of readHtml(SITE_DIR, f).querySelectorAll('.rating-badge')) expect(b.textContent, f).toContain(b.getAttribute('data-rating')!);
      }
    });
  });
}

describe('the registers of the fixture site (pinned)', () => {
  const problems = csvRows(FIXTURE_SITE, 'problems');

  it('marks the overdue problems: open and past their deadline on the build date', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'problems/index.html');
    expect(doc.querySelector('.summary p')?.textContent).toContain('共 13 个问题，其中 5 个已过整改期限');
    const overdue = doc.querySelectorAll('.problem-table tbody [data-overdue]').map((e) => e.closest('tr')?.getAttribute('data-id'));
    expect(overdue.sort()).toEqual(['GS-2018-001', 'GS-2019-001', 'GS-2019-004', 'GS-2019-005', 'GS-2019-007']);
    expect(problems.map((p) => p.status)).toEqual(expect.arrayContaining(['待整改', '整改中', '已整改', '已销号']));
  });

  it('shows the closed date and flags 逾期完成 (closed after the deadline) beside 逾期未完成', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'problems/index.html');
    const flagged = (kind: string) =>
      doc
        .querySelectorAll(`.problem-table tbody [data-late="${kind}"]`)
        .map((e) => e.closest('tr')?.getAttribute('data-id'))
        .sort();
    expect(flagged('逾期完成')).toEqual(['GS-2018-002', 'GS-2018-003']);
    expect(flagged('逾期未完成')).toEqual(['GS-2018-001', 'GS-2019-001', 'GS-2019-004', 'GS-2019-005', 'GS-2019-007']);
    const row = doc.querySelector('.problem-table tbody tr[data-id="GS-2018-002"]')!;
    expect(row.querySelector('[data-text="closed"]')?.textContent).toBe('2018-12-20');
    expect(doc.querySelectorAll('.problem-table thead th').map((th) => th.textContent)).toContain('完成日期');
    expect(doc.querySelector('.summary p')?.textContent).toContain('2 个在期限之后才完成');
    // The row template holds both flags for the filter script.
    const template = doc.querySelector('template[data-row-template]')!.innerHTML;
    expect(template).toContain('data-late="逾期完成"');
    expect(template).toContain('data-late="逾期未完成"');
  });

  it('explains the four statuses on /problems/ and on the methodology page', () => {
    for (const file of ['problems/index.html', 'methodology/index.html']) {
      const legend = readHtml(FIXTURE_SITE.dir, file).querySelector('.status-legend');
      expect(legend, file).not.toBeNull();
      const text = legend!.textContent;
      for (const s of ['待整改', '整改中', '已整改', '已销号', '逾期未完成', '逾期完成']) expect(text, `${file} ${s}`).toContain(s);
      expect(text).toContain('验收');
    }
  });

  it('says in words on the problem page whether it was done on time', () => {
    const words = (id: string) => readHtml(FIXTURE_SITE.dir, `problems/${id}/index.html`).querySelector('[data-timeliness]')?.textContent;
    expect(words('GS-2018-002')).toBe('逾期完成：整改期限是 2018-10-31，2018-12-20 才完成，晚了 50 天。');
    expect(words('GS-2017-001')).toContain('按期完成');
    // Whether the deadline has passed, never for how many days: a record's page does not change with the day.
    expect(words('GS-2018-001')).toBe('逾期未完成：整改期限 2018-07-01 已过，仍未完成整改。');
    expect(words('GS-2019-003')).toBe('尚未完成整改；整改期限是 2026-06-30，尚未到期。');
    expect(words('GS-2019-006')).toContain('没有规定整改期限');
  });

  it('puts every village one tap away: the navigation, and 我的村（社区） on the home page as plain links', () => {
    const villages = csvRows(FIXTURE_SITE, 'villages');
    const home = readHtml(FIXTURE_SITE.dir, 'index.html');
    expect(home.querySelector('.site-nav a[href="/gushan/villages/"]')?.textContent).toBe('村（社区）');
    expect(home.getElementById('my-village-h')?.textContent).toBe('我的村（社区）');
    expect(home.querySelectorAll('.village-links a').map((a) => a.getAttribute('href'))).toEqual(villages.map((v) => `/gushan/villages/${v.id}/`));
  });

  it('splits a village page into unfinished and closed problems, and links the town-wide targets and the data date', () => {
    const v = 'dongcun';
    const doc = readHtml(FIXTURE_SITE.dir, `villages/${v}/index.html`);
    const mine = problems.filter((p) => p.village === v);
    const ids = (h: string) =>
      doc
        .getElementById(h)!
        .closest('section')!
        .querySelectorAll('tbody tr[data-id]')
        .map((tr) => tr.getAttribute('data-id'))
        .sort();
    expect(ids('p-open-h')).toEqual(
      mine
        .filter((p) => p.status === '待整改' || p.status === '整改中')
        .map((p) => p.id)
        .sort(),
    );
    expect(ids('p-closed-h')).toEqual(
      mine
        .filter((p) => p.status === '已整改' || p.status === '已销号')
        .map((p) => p.id)
        .sort(),
    );
    const targets = doc.getElementById('t-h')!.closest('section')!.querySelectorAll('.village-targets a');
    expect(targets.length).toBe(csvRows(FIXTURE_SITE, 'indicators').length);
    expect(targets[0]?.getAttribute('href')).toMatch(/^\/gushan\/indicators\/[^/]+\/$/);
    expect(doc.querySelector('main p time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lists the enterprises in pinyin order of their names, which the name column says (aria-sort)', () => {
    // 丙 bǐng, 辰 chén, 庚 gēng, 甲 jiǎ, 壬 rén, 申 shēn, 午 wǔ, 戊 wù, 寅 yín, 子 zǐ: not their code-point order.
    const pinyin = ['丙丁印染', '辰巳机械', '庚辛纺织', '甲乙化工', '壬癸造纸', '申酉精细化工', '午未塑料制品', '戊己电镀', '寅卯食品', '子丑建材'];
    for (const page of ['credit/index.html', 'credit/period/2019-H1/index.html']) {
      const doc = readHtml(FIXTURE_SITE.dir, page);
      const names = doc.querySelectorAll('.credit-table tbody tr th a').map((a) => a.textContent.trim().replace(/^（示例）|有限公司$/g, ''));
      expect(names.length, page).toBeGreaterThan(3);
      expect(names, page).toEqual(pinyin.filter((n) => names.includes(n)));
      const sorted = doc.querySelectorAll('.credit-table thead th[aria-sort]');
      expect(
        sorted.map((th) => [th.textContent.trim(), th.getAttribute('aria-sort')]),
        page,
      ).toEqual([['企业名称', 'ascending']]);
    }
  });

  it('counts the downgraded enterprises of the latest period', () => {
    const doc = readHtml(FIXTURE_SITE.dir, 'credit/index.html');
    expect(doc.getElementById('down-h')?.textContent).toContain('（2）');
    expect(doc.getElementById('warn-h')?.textContent).toContain('（3）');
  });
});

describe('objections and replies (test/fixtures/valid/data/responses.csv)', () => {
  const site = FIXTURE_SITE.dir;
  const shown = (page: string) =>
    readHtml(site, page)
      .querySelectorAll('[data-responses] [data-response]')
      .map((li) => li.getAttribute('data-response'));

  it('are shown on the enterprise page in date order: its own, its ratings’ (naming the period) and its problems’', () => {
    expect(shown('credit/91110000600037341L/index.html')).toEqual(['R-2017-001', 'R-2019-003', 'R-2019-001', 'R-2019-002']);
    const doc = readHtml(site, 'credit/91110000600037341L/index.html');
    expect(doc.getElementById('responses-h')!.textContent).toBe('异议与回应（4）');
    const objection = doc.getElementById('response-R-2019-001')!;
    expect(compactText(objection)).toBe(
      '2019-09-02企业异议（2019年上半年评价）（示例）企业认为超标排放的监测数据采样不规范，请求复核。回应编号R-2019-001·来源',
    );
    expect(objection.querySelector('a[href="https://example.org/credit/objection/R-2019-001"]')).not.toBeNull();
    expect(compactText(doc.getElementById('response-R-2019-002')!)).toContain('复核结论：更正');
    const report = doc.getElementById('response-R-2017-001')!;
    expect(report.querySelector('.response-about a')!.getAttribute('href')).toBe(`${SITE_BASE}problems/GS-2017-001/`);
    // Not on another enterprise's page.
    expect(shown('credit/91110108551385082Q/index.html')).toEqual([]);
  });

  it('are shown on the problem page they answer, without JavaScript', () => {
    expect(shown('problems/GS-2017-001/index.html')).toEqual(['R-2017-001']);
    expect(compactText(readHtml(site, 'problems/GS-2017-001/index.html').getElementById('response-R-2017-001')!)).toContain('（示例）排污口已封堵');
    expect(shown('problems/GS-2018-001/index.html')).toEqual([]);
  });

  it('are items of the town feed, linked to the response on the page of the record it answers', async () => {
    const items = await readFeed(join(site, 'feed.xml'));
    const review = items.find((i) => i.link === `${SITE_URL}${SITE_BASE}credit/91110000600037341L/#response-R-2019-002`)!;
    expect(review.title).toBe('生态环境部门复核结果（更正）：（示例）甲乙化工有限公司 2019年上半年');
    expect(review.description).toContain('R-2019-002');
    expect(items.filter((i) => i.link.includes('#response-'))).toHaveLength(4);
  });

  it('are published at /data/ like the other tables', () => {
    expect(readFileSync(join(site, 'data/responses.csv')).equals(readFileSync(join(FIXTURE_SITE.dataDir, 'responses.csv')))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(site, 'data/datapackage.json'), 'utf8')) as { resources: Array<{ name: string }> };
    expect(pkg.resources.map((r) => r.name)).toContain('responses');
  });
});
