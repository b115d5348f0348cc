/**
 * An incremental build (INCREMENTAL_BUILD=1, issue 30 part 4) after one commit that edits a row,
 * adds one, removes one and withholds a past value, with the output and caches of the build
 * before: it renders again only the pages whose key changed (src/build/page-keys.ts), prunes what
 * the commit made stale (src/integrations/incremental.ts), and leaves the site a clean build of
 * the same commit makes, byte for byte, with the withheld value nowhere. Three builds of the
 * small fixture: the first, the incremental one and the clean one. The history cache
 * (HISTORY_CACHE_DIR) and Astro's cache are those of the first build, as in a deployment, so this
 * is also the check that a rebuild with those caches makes the site a clean build makes (the
 * deploy workflow builds this way; the default mode reads the same history cache).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/build/hosting/compress.ts';
import { ENTERPRISES_PER_PAGE } from '../../src/lib/credit.ts';
import { PROBLEMS_PER_PAGE, TOWN_WIDE_ON_VILLAGE_PAGE } from '../../src/lib/problems.ts';
import { usccCheckChar } from '../../src/lib/uscc.ts';
import { astroBuild } from '../helpers/build.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { listFiles, readHtml } from '../helpers/html.ts';
import { FIXTURE } from '../helpers/paths.ts';
import { isRecordPage } from '../helpers/sites.ts';

/** A title only the first commit holds; the commit under test withholds it (redactions.csv). */
const WITHHELD = '甲乙丙唯一旧标题';
const KEPT_TITLE = '河道沿岸生活垃圾堆积';
const EDITED = { from: ',餐饮油烟直排,', to: ',餐饮油烟直排（经核实）,' };

/** Enterprises of a village of the fixture, each rated in its latest period. */
function manyEnterprises(n: number): { enterprises: string[]; ratings: string[] } {
  const enterprises: string[] = [];
  const ratings: string[] = [];
  for (let i = 0; i < n; i++) {
    const first17 = `9132028100${String(i).padStart(7, '0')}`;
    const uscc = `${first17}${usccCheckChar(first17)!}`;
    enterprises.push(`${uscc},（示例）批量企业${String(i).padStart(3, '0')}有限公司,化工,dongcun,示例镇东路${i}号`);
    ratings.push(`${uscc},2019-H2,绿色,,,2020-02-20,示例生态环境局,`);
  }
  return { enterprises, ratings };
}

describe('an incremental build after an edit, an addition, a removal and a withdrawal', () => {
  let repo: TempRepo;
  const dirs: string[] = [];
  const temp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  let incremental = '';
  let clean = '';
  const before = new Map<string, string>();
  let log = '';
  let astroCache = '';
  /** The output after the first build (less the page removed on purpose). */
  let firstFiles: string[] = [];
  /** A kept page the output folder lost between the builds (a deployment that restored only part of it). */
  const lost = `credit/${manyEnterprises(1).enterprises[0]!.split(',')[0]!}/index.html`;
  const STALE = 'problems/page/99/index.html';

  beforeAll(() => {
    repo = tempRepo('gushan-incremental-');
    cpSync(FIXTURE, repo.dir, { recursive: true });
    const file = join(repo.dir, 'data/problems.csv');
    // Rows enough for a second and third page of the register and a second of the enterprise list (their numbered pages have keys of their own);
    // the problems are town-wide (no village), more than a village's page lists; five of them fall due after the build date, the rest are overdue.
    const template = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('GS-2019-004,'))!;
    expect(template).toContain(',信访举报,beicun,');
    expect(template).toContain(',2019-07-15,待整改,');
    const two = (n: number) => String(n).padStart(2, '0');
    const deadline = (i: number) => (i < 5 ? `2026-${two(2 + i)}-10` : `${2020 + (i % 6)}-${two(1 + (i % 12))}-${two(1 + (i % 28))}`);
    const many = Array.from({ length: 2 * PROBLEMS_PER_PAGE }, (_, i) =>
      template
        .replace('GS-2019-004,', `GS-2019-${100 + i},`)
        .replace(',工地夜间施工噪声扰民,', `,批量问题${i},`)
        .replace(',信访举报,beicun,', ',信访举报,,')
        .replace(',2019-07-15,待整改,', `,${deadline(i)},待整改,`),
    );
    writeFileSync(file, `${readFileSync(file, 'utf8').replace(/\n?$/, '\n')}${many.join('\n')}\n`);
    const enterprises = manyEnterprises(ENTERPRISES_PER_PAGE);
    for (const [name, rows] of [
      ['enterprises', enterprises.enterprises],
      ['credit-ratings', enterprises.ratings],
    ] as const) {
      const path = join(repo.dir, `data/${name}.csv`);
      writeFileSync(path, `${readFileSync(path, 'utf8').replace(/\n?$/, '\n')}${rows.join('\n')}\n`);
    }
    const original = readFileSync(file, 'utf8');
    expect(original).toContain(`,${KEPT_TITLE},`);
    repo.commit({ 'data/problems.csv': original.replace(`,${KEPT_TITLE},`, `,${WITHHELD},`) }, '2025-11-01T09:00:00+08:00', '首次公开全部数据');
    repo.commit({ 'data/problems.csv': original }, '2025-11-02T09:00:00+08:00', 'GS-2019-005 标题更正');
    // A commit the later one has nothing to do with: its page is kept.
    const enterprisesFile = join(repo.dir, 'data/enterprises.csv');
    repo.commit(
      { 'data/enterprises.csv': readFileSync(enterprisesFile, 'utf8').replace(',示例镇东路0号', ',示例镇东路100号') },
      '2025-11-02T10:00:00+08:00',
      '企业地址更正',
    );
    const env = {
      BASE_PATH: '/gushan/',
      SITE_URL: 'https://example.org',
      BUILD_DATE: '2026-01-15',
      DATA_DIR: join(repo.dir, 'data'),
      CONTENT_DIR: join(repo.dir, 'content'),
      INCREMENTAL_BUILD: '1',
      // Pagefind reads the finished folder in batches: small ones here, so that there are several.
      SEARCH_FEED_BATCH: '10',
    };
    astroCache = temp('gushan-inc-astro-');
    const caches = { HISTORY_CACHE_DIR: temp('gushan-inc-history-'), ASTRO_CACHE_DIR: astroCache };
    incremental = temp('gushan-inc-out-');
    const first = astroBuild({ ...env, ...caches, OUT_DIR: incremental });
    expect(first.status, first.output.slice(-3000)).toBe(0);

    // One commit: an edited title, a new problem, a removed one, and the old title of another withheld.
    const lines = original.split('\n');
    const added = lines
      .find((l) => l.startsWith('GS-2019-004,'))!
      .replace('GS-2019-004,', 'GS-2019-010,')
      .replace(',工地夜间施工噪声扰民,', ',新增的问题：工地扬尘,');
    const edited = lines
      .filter((l) => !l.startsWith('GS-2019-002,'))
      .map((l) => l.replace(EDITED.from, EDITED.to))
      .join('\n')
      .replace(/\n?$/, `\n${added}\n`);
    const redactions = readFileSync(join(repo.dir, 'data/redactions.csv'), 'utf8').replace(/\n?$/, '\nproblems,GS-2019-005,title,,个人信息\n');
    repo.commit({ 'data/problems.csv': edited, 'data/redactions.csv': redactions }, '2025-11-03T09:00:00+08:00', '更正、新增、删除各一条问题');

    // The register's numbered pages and the commits' pages as the first build wrote them.
    for (const f of listFiles(incremental).filter((x) => /^(problems\/page\/\d+|changes\/[0-9a-f]{7,40})\/index\.html$/.test(x))) {
      before.set(f, readFileSync(join(incremental, f), 'utf8'));
    }
    rmSync(join(incremental, lost));
    // A page an earlier build made of a route that is no longer there (the register had a ninety-ninth page).
    mkdirSync(join(incremental, STALE, '..'), { recursive: true });
    writeFileSync(join(incremental, STALE), '<!doctype html><title>旧的一页</title>');
    utimesSync(join(incremental, STALE), new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    firstFiles = listFiles(incremental);
    const again = astroBuild({ ...env, ...caches, OUT_DIR: incremental });
    expect(again.status, again.output.slice(-3000)).toBe(0);
    log = again.output;
    clean = temp('gushan-inc-clean-');
    const fresh = astroBuild({ ...env, HISTORY_CACHE_DIR: temp('gushan-inc-history-'), ASTRO_CACHE_DIR: temp('gushan-inc-astro-'), OUT_DIR: clean });
    expect(fresh.status, fresh.output.slice(-3000)).toBe(0);
  }, 900_000);

  afterAll(() => {
    repo?.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** The files Astro's log says it kept from the build before, relative to the output folder. */
  const kept = () => new Set([...log.matchAll(/├─ \/(\S+) \(cached\)/g)].map((m) => m[1]!));

  it('checks again only the tables the commit changed', () => {
    // The commit changed problems.csv and redactions.csv; the other nine tables are those the first build checked.
    expect(log).toMatch(/数据检查通过：11 个表，.*其中 9 个表与上次构建时相同，沿用上次的检查结果/);
  });

  it('writes no copy of the pages into Astro’s cache, and renders again a kept page the output lost', () => {
    expect(listFiles(astroCache).filter((f) => f.startsWith('dist/'))).toEqual([]);
    expect(kept().has(lost)).toBe(false);
    expect(log).toContain(`/${lost}`);
    expect(readFileSync(join(incremental, lost))).toEqual(readFileSync(join(clean, lost)));
  });

  it('bundles no dependencies for the content sync’s Vite server, which serves nothing', () => {
    // src/integrations/no-dep-optimizer.ts: without it Astro's sync writes them to vite-sync/deps in its cache.
    expect(existsSync(join(astroCache, 'vite-sync', 'deps'))).toBe(false);
    expect(listFiles(astroCache).length).toBeGreaterThan(0);
  });

  it('renders again only the pages whose rows, history or flags changed', () => {
    const records = listFiles(clean).filter(isRecordPage);
    const cached = [...kept()].filter((f) => records.includes(f)).length;
    // The commit touches four problems, their villages and the enterprises of two of them; the other record pages are kept.
    expect(cached).toBeGreaterThan(records.length / 2);
    expect(cached).toBeLessThan(records.length);
    expect(log).toMatch(/增量构建：删除 [1-9]\d* 个/);
  });

  it('counts as no longer made only the files this build did not write again, not the search index and sitemap it rewrites', () => {
    const copy = (f: string) => f.endsWith('.gz') || f.endsWith('.br');
    // Pagefind's files are named by their content: those of pages the commit changed are gone for good, but counted with the index.
    const gone = firstFiles.filter((f) => !copy(f) && !f.startsWith('pagefind/') && !existsSync(join(incremental, f)));
    expect(gone).toContain(STALE);
    expect(log).toContain(`增量构建：删除 ${gone.length} 个上次构建留下、这次不再生成的文件；另删除搜索索引、站点地图和服务器配置的 `);
    const again = Number(/另删除搜索索引、站点地图和服务器配置的 (\d+) 个旧文件/.exec(log)![1]);
    expect(again).toBeGreaterThanOrEqual(firstFiles.filter((f) => f.startsWith('pagefind/') && !copy(f) && existsSync(join(incremental, f))).length);
  });

  it('writes again only the downloads of the tables the commit changed, and no embed', () => {
    const files = listFiles(clean);
    // The tables' files; datapackage.json is dated by the build and written every time.
    const downloads = files.filter(
      (f) => /^(data\/[\w-]+\.(csv|json)|credit\/period\/[\w-]+\.csv|indicators\/[\w-]+\.csv)$/.test(f) && f !== 'data/datapackage.json',
    );
    const changed = downloads.filter((f) => /^data\/(problems|redactions)(-excel)?\.(csv|json)$/.test(f));
    expect(changed).toHaveLength(6);
    const cached = kept();
    // The tables' and periods' files are written by the build, which names those it wrote (src/build/downloads.ts); the indicators' by Astro.
    const line = /下载文件：写出 (\d+) 个(?:（([^）]*)）)?，(\d+) 个与上次构建相同而保留/.exec(log);
    expect(line).not.toBeNull();
    const ours = new Set(line![2]?.split('、') ?? []);
    expect(ours.size).toBe(Number(line![1]));
    const written = (f: string) => (f.startsWith('indicators/') ? !cached.has(f) : ours.has(f));
    // The commit touched problems.csv and redactions.csv: their downloads are written again, every other one kept.
    expect(downloads.filter(written).sort()).toEqual(changed.sort());
    expect(Number(line![3])).toBe(downloads.filter((f) => !f.startsWith('indicators/')).length - changed.length);
    // Written on their own thread, begun as the first page loaded the data module, not after the pages.
    expect(log).toMatch(/下载文件：[^\n]*（另一线程写了 \d+ 毫秒，生成页面期间开始；页面生成后等待 \d+ 毫秒）/);
    expect(downloads.filter((f) => f.startsWith('credit/period/')).length).toBeGreaterThan(0);
    expect(downloads.filter((f) => f.startsWith('indicators/')).length).toBeGreaterThan(0);
    expect(readFileSync(join(incremental, 'data/problems.csv'), 'utf8')).toContain('新增的问题：工地扬尘');
    // The indicators' embeds, dated by the build but built on the same day from unchanged indicators: kept.
    const embeds = files.filter((f) => /^embed\/indicators\/[^/]+\/index\.html$/.test(f));
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds.filter((f) => !cached.has(f))).toEqual([]);
  });

  it('keeps the numbered pages of a list whose tables the commit left alone, and of the register those whose rows it left alone', () => {
    const files = listFiles(clean);
    const cached = kept();
    const credit = files.filter((f) => /^credit\/page\/\d+\/index\.html$/.test(f));
    const problems = files.filter((f) => /^problems\/page\/\d+\/index\.html$/.test(f));
    expect(credit.length).toBeGreaterThan(0);
    expect(problems.length).toBeGreaterThan(0);
    expect(credit.filter((f) => !cached.has(f))).toEqual([]);
    // A page of the register shows its rows, the count and the filters' choices, not the summary or the day: it is rendered
    // again exactly when what it shows changed.
    expect(problems.length).toBeGreaterThan(1);
    expect(problems.filter((f) => cached.has(f)).sort()).toEqual(problems.filter((f) => readFileSync(join(incremental, f), 'utf8') === before.get(f)).sort());
    expect(problems.filter((f) => cached.has(f)).length).toBeGreaterThan(0);
    expect(problems.filter((f) => !cached.has(f)).length).toBeGreaterThan(0);
    for (const f of problems) {
      const doc = readHtml(clean, f);
      expect(doc.querySelector('[data-summary-elsewhere] a')!.getAttribute('href')).toBe('/gushan/problems/');
      expect(doc.querySelector('[data-updated]'), f).toBeNull();
    }
    // The rating periods' pages show the enterprises' tables too: kept.
    const periods = files.filter((f) => /^credit\/period\/[^/]+\/index\.html$/.test(f));
    expect(periods.length).toBeGreaterThan(1);
    expect(periods.filter((f) => !cached.has(f))).toEqual([]);
    // A village's feed is written again only if the commit touched one of its problems.
    const feeds = files.filter((f) => /^villages\/[^/]+\/feed\.xml$/.test(f));
    expect(feeds.filter((f) => cached.has(f)).length).toBeGreaterThan(0);
    expect(feeds.filter((f) => !cached.has(f)).length).toBeGreaterThan(0);
    // Neither carries the data version, which changes with every commit; the filtered downloads read it from data-version.json.
    for (const f of [...credit, ...problems]) expect(readFileSync(join(incremental, f), 'utf8')).not.toMatch(/data-version=/);
  });

  it('renders the new commit’s page, and an earlier commit’s only if what it shows changed', () => {
    const cached = kept();
    const commits = listFiles(clean).filter((f) => /^changes\/[0-9a-f]{7,40}\/index\.html$/.test(f));
    expect(commits.length).toBeGreaterThan(2);
    const rendered = commits.filter((f) => !cached.has(f));
    expect(rendered.filter((f) => !before.has(f)).map((f) => readHtml(incremental, f).querySelector('[data-commit-subject]')!.textContent)).toEqual([
      '提交说明 更正、新增、删除各一条问题',
    ]);
    // Kept exactly when its content is what the build before wrote (a withdrawn title shown in an older commit changes it).
    expect(commits.filter((f) => cached.has(f)).sort()).toEqual(commits.filter((f) => readFileSync(join(incremental, f), 'utf8') === before.get(f)).sort());
    expect(commits.filter((f) => cached.has(f)).length).toBeGreaterThan(0);
  });

  it('lists on a village page the first town-wide problems only, and counts and links the rest', () => {
    const doc = readHtml(clean, 'villages/dongcun/index.html');
    const table = doc.querySelector('[data-town-wide]')!;
    const total = Number(/（(\d+)）/.exec(table.querySelector('h2')!.textContent)![1]);
    expect(total).toBeGreaterThan(PROBLEMS_PER_PAGE);
    expect(table.querySelectorAll('tr[data-id]')).toHaveLength(TOWN_WIDE_ON_VILLAGE_PAGE);
    expect(table.querySelector('[data-town-wide-more]')!.textContent).toBe(`这里列出其中 ${TOWN_WIDE_ON_VILLAGE_PAGE} 个，全部见全镇到期事项和问题曝光。`);
    const due = doc.querySelector('[data-due-town-wide]')!;
    expect(due.querySelectorAll('li[data-id]')).toHaveLength(TOWN_WIDE_ON_VILLAGE_PAGE);
    const more = due.querySelector('[data-town-wide-more]')!;
    expect(more.textContent).toMatch(/^另有 \d+ 个全镇范围的问题，见全镇到期事项（全镇日历）。$/);
    expect(more.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/gushan/due/', '/gushan/due.ics']);
    // /due/ lists every one of them.
    const listed = readHtml(clean, 'due/index.html').querySelectorAll('li[data-id]').length;
    expect(listed).toBeGreaterThan(PROBLEMS_PER_PAGE);
  });

  it("keeps in a village's calendar its own deadlines and the nearest town-wide ones, and says where all of them are", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(repo.dir, 'data/problems.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const open = rows.filter((r) => (r.status === '待整改' || r.status === '整改中') && r.deadline);
    const byDeadline = (a: Record<string, string>, b: Record<string, string>) =>
      a.deadline === b.deadline ? (a.id! < b.id! ? -1 : 1) : a.deadline! < b.deadline! ? -1 : 1;
    const town = open.filter((r) => r.village === '');
    // Still to come, nearest first; then the overdue ones, latest first.
    const coming = town.filter((r) => r.deadline! >= '2026-01-15').sort(byDeadline);
    const overdue = town.filter((r) => r.deadline! < '2026-01-15').sort((a, b) => byDeadline(b, a));
    expect(coming.length).toBeGreaterThan(4);
    expect(coming.length).toBeLessThan(TOWN_WIDE_ON_VILLAGE_PAGE);
    const nearest = [...coming, ...overdue].slice(0, TOWN_WIDE_ON_VILLAGE_PAGE);
    const own = open.filter((r) => r.village === 'dongcun');
    expect(own.length).toBeGreaterThan(0);
    const uid = (r: Record<string, string>) => `problem-${r.id}-${r.deadline!.replaceAll('-', '')}@example.org`;
    const calendar = (f: string) => new ICAL.Component(ICAL.parse(readFileSync(join(clean, f), 'utf8')) as unknown[]);
    const uids = (c: ICAL.Component) => c.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
    const village = calendar('villages/dongcun/due.ics');
    expect(uids(village).sort()).toEqual([...own, ...nearest].map(uid).sort());
    expect(village.getFirstPropertyValue('x-wr-caldesc')).toBe(
      `东村尚未完成整改的问题的整改期限，以及全镇范围的问题中最近到期的 ${TOWN_WIDE_ON_VILLAGE_PAGE} 个（另有 ${town.length - TOWN_WIDE_ON_VILLAGE_PAGE} 个）。全镇范围的全部问题见全镇日历：https://example.org/gushan/due.ics`,
    );
    // The town's calendar has every one of them.
    expect(uids(calendar('due.ics'))).toEqual(expect.arrayContaining(town.map(uid)));
  });

  it('shows the commit: the edit, the addition, the removal', () => {
    const page = (p: string) => readFileSync(join(incremental, p), 'utf8');
    expect(page('problems/GS-2019-007/index.html')).toContain('餐饮油烟直排（经核实）');
    expect(page('problems/GS-2019-010/index.html')).toContain('新增的问题：工地扬尘');
    expect(page('problems/GS-2019-002/index.html')).toContain('data-removed-record');
    expect(page('problems/GS-2019-005/index.html')).toContain('已隐去：个人信息');
  });

  it('is byte for byte the site a clean build makes, with the withheld value nowhere', () => {
    const files = listFiles(clean);
    expect(files.filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.startsWith('records-index/')).length).toBeGreaterThan(3);
    expect(listFiles(incremental)).toEqual(files);
    // The manifest of the compressed copies records each file's time too (for the host, never served): its hashes must agree.
    const differing = files.filter((f) => f !== MANIFEST && !readFileSync(join(incremental, f)).equals(readFileSync(join(clean, f))));
    expect(differing).toEqual([]);
    const hashes = (d: string) =>
      Object.entries((JSON.parse(readFileSync(join(d, MANIFEST), 'utf8')) as { files: Record<string, { hash: string; size: number }> }).files).map(([f, e]) => [
        f,
        e.hash,
        e.size,
      ]);
    expect(hashes(incremental)).toEqual(hashes(clean));
    const holding = files.filter((f) => !/\.(gz|br)$/.test(f) && readFileSync(join(incremental, f), 'utf8').includes(WITHHELD));
    expect(holding).toEqual([]);
  });
});
