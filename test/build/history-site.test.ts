/**
 * The history pages on a site built from a fixture repository made here (test/fixtures/valid
 * committed at set dates, then a status change, rows with keys that would not validate today
 * added and deleted, a removed problem and enterprise, a changed rating), never from this
 * repository's own history; and a site built from a copy without git,
 * which shows that history is unavailable.
 */
import { readFeed } from '../helpers/feed.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { compactText, readHtml } from '../helpers/html.ts';
import { FIXTURE } from '../helpers/paths.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';

const REPO_URL = 'https://example.org/gushan-repo';
/** A review that corrected a rating (added with the rating's change). */
const REVIEW = 'R-2020-001,credit-ratings,91990000MA6YA3BC45+2019-H2,2020-04-20,生态环境部门,复核结果,（示例）经复核，等级更正为蓝色。,更正,';
const SITE_URL = 'https://example.org';
let repo: TempRepo;
let out: string;
let noGit: string;
let noGitOut: string;
/** The site built again after a newer commit, with the same cache. */
let newerOut: string;
let cache: string;
let buildLog = '';
/** The lines on which the rows with bad keys were added. */
let typoLines = { problems: 0, enterprises: 0 };
const ids: Record<string, string> = {};
const short = (id: string) => repo.git(['rev-parse', '--short', id]);
/** A commit's own page: the first 12 characters of its id (src/lib/history/history-view.ts commitAddresses). */
const commitPage = (id: string) => `/changes/${id.slice(0, 12)}/`;

const read = (file: string) => readFileSync(join(repo.dir, 'data', file), 'utf8');
const dropLine = (text: string, start: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith(start))
    .join('\n');

beforeAll(() => {
  repo = tempRepo('gushan-history-site-');
  cpSync(FIXTURE, repo.dir, { recursive: true });
  // A problem published with the others and removed later.
  const problems = read('problems.csv');
  const extra = problems
    .split('\n')
    .find((l) => l.startsWith('GS-2019-007,'))!
    .replace('GS-2019-007', 'GS-2019-099')
    .replace('餐饮油烟直排', '夜市油烟直排');
  writeFileSync(join(repo.dir, 'data/problems.csv'), `${problems.trimEnd()}\n${extra}\n`);
  // The problems register is to be updated monthly; the last commit that touches it is of 2020.
  const datasets = read('datasets.csv').split('\n');
  const at = datasets.findIndex((l) => l.startsWith('problems,'));
  datasets[at] = datasets[at]!.replace(',不定期,', ',每月,');
  writeFileSync(join(repo.dir, 'data/datasets.csv'), datasets.join('\n'));
  ids.first = repo.commit({}, '2020-01-10T09:00:00+08:00', '首次公开全部数据');
  ids.status = repo.commit(
    { 'data/problems.csv': read('problems.csv').replace(',2019-09-30,整改中,,', ',2019-09-30,已整改,2019-12-20,') },
    '2020-03-02T10:00:00+08:00',
    'GS-2019-005 已整改',
  );
  // Rows added with keys that would not validate today — a "/" in a problem id, an enterprise code
  // in lower case (the same folder as a current one on Windows and macOS) — and deleted the next
  // day: the build goes on without them, and says so in its log.
  const enterprises = read('enterprises.csv');
  const lower = enterprises
    .split('\n')
    .find((l) => l.startsWith('91990000MA6YA3BC45,'))!
    .replace('91990000MA6YA3BC45', '91990000ma6ya3bc45');
  typoLines = { problems: read('problems.csv').trimEnd().split('\n').length + 1, enterprises: enterprises.trimEnd().split('\n').length + 1 };
  ids.typo = repo.commit(
    {
      'data/problems.csv': `${read('problems.csv').trimEnd()}\n${extra.replace('GS-2019-099', 'GS/2019-100')}\n`,
      'data/enterprises.csv': `${enterprises.trimEnd()}\n${lower}\n`,
    },
    '2020-03-10T10:00:00+08:00',
    '新增问题和企业（编号写错）',
  );
  ids.untypo = repo.commit(
    { 'data/problems.csv': dropLine(read('problems.csv'), 'GS/2019-100,'), 'data/enterprises.csv': enterprises },
    '2020-03-11T10:00:00+08:00',
    '删除编号写错的两行',
  );
  ids.remove = repo.commit(
    {
      'data/problems.csv': dropLine(read('problems.csv'), 'GS-2019-099,'),
      'data/enterprises.csv': dropLine(read('enterprises.csv'), '91990000MA8HJ7KL8W,'),
      'data/credit-ratings.csv': dropLine(read('credit-ratings.csv'), '91990000MA8HJ7KL8W,'),
    },
    '2020-04-01T10:00:00+08:00',
    '删除重复的问题和已注销的企业',
  );
  // With a corrected observation that turns an indicator's verdict (as of the commit's day).
  ids.rating = repo.commit(
    {
      'data/credit-ratings.csv': read('credit-ratings.csv').replace('91990000MA6YA3BC45,2019-H2,绿色,12,', '91990000MA6YA3BC45,2019-H2,蓝色,8,'),
      'data/observations.csv': read('observations.csv').replace('river-quality,2017,62.5,', 'river-quality,2017,55,'),
      // The review that corrected it, published with the change.
      'data/responses.csv': `${read('responses.csv').trimEnd()}\n${REVIEW}\n`,
    },
    '2020-05-01T10:00:00+08:00',
    '更正辰巳机械 2019 下半年等级',
  );
  cache = mkdtempSync(join(tmpdir(), 'gushan-history-site-cache-'));
  out = mkdtempSync(join(tmpdir(), 'gushan-history-site-out-'));
  const env = { BASE_PATH: '/', SITE_URL, BUILD_DATE: '2026-01-15', REPO_URL, HISTORY_CACHE_DIR: cache };
  // --force: Astro's content cache (.astro/content-modules.mjs) may still name the MDX pages of an
  // earlier build's content folder, deleted since (this test's own copy without git, last run).
  const r = astroBuild({ ...env, OUT_DIR: out, DATA_DIR: join(repo.dir, 'data'), CONTENT_DIR: join(repo.dir, 'content') }, undefined, ['--force']);
  if (r.status !== 0) throw new Error(r.output);
  buildLog = r.output;
  // The same data as a folder outside any repository (a downloaded archive).
  noGit = mkdtempSync(join(tmpdir(), 'gushan-no-git-'));
  cpSync(join(repo.dir, 'data'), join(noGit, 'data'), { recursive: true });
  cpSync(join(repo.dir, 'content'), join(noGit, 'content'), { recursive: true });
  noGitOut = mkdtempSync(join(tmpdir(), 'gushan-no-git-out-'));
  const n = astroBuild({ ...env, OUT_DIR: noGitOut, DATA_DIR: join(noGit, 'data'), CONTENT_DIR: join(noGit, 'content') });
  if (n.status !== 0) throw new Error(n.output);
  // A newer commit, and the site built again: the addresses of the older commits must stay.
  ids.newer = repo.commit(
    { 'data/problems.csv': read('problems.csv').replace(',2020-01-31,整改中,,', ',2020-01-31,已整改,2020-05-20,') },
    '2020-06-01T10:00:00+08:00',
    'GS-2019-007 已整改',
  );
  // More commits than a page of /changes/ holds (CHANGES_PER_PAGE), so that the older ones move to its second page.
  const measures = '现场扑灭火源，开展禁烧宣传。';
  for (let i = 1; i <= 50; i++) {
    const day = new Date(Date.UTC(2020, 6, i)).toISOString().slice(0, 10);
    repo.commit(
      { 'data/problems.csv': read('problems.csv').replace(/现场扑灭火源，开展禁烧宣传。(（第 \d+ 次补充）)?/, `${measures}（第 ${i} 次补充）`) },
      `${day}T10:00:00+08:00`,
      `GS-2019-002 整改措施补充 ${i}`,
    );
  }
  newerOut = mkdtempSync(join(tmpdir(), 'gushan-history-site-newer-'));
  const again = astroBuild({ ...env, OUT_DIR: newerOut, DATA_DIR: join(repo.dir, 'data'), CONTENT_DIR: join(repo.dir, 'content') });
  if (again.status !== 0) throw new Error(again.output);
}, 600_000);

afterAll(() => {
  repo?.remove();
  for (const d of [out, noGit, noGitOut, newerOut, cache]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('citations of a version', () => {
  const cited = (dir: string, page: string, id = 'cite-h') => readHtml(dir, page).querySelector(`[aria-labelledby="${id}"]`)!;
  it('name the commit that last changed the record (or its ratings), link to it and to what changed since', () => {
    const problem = cited(out, 'problems/GS-2019-005/index.html');
    const v = ids.status!.slice(0, 12);
    expect(problem.querySelector('[data-cite-version]')!.getAttribute('data-cite-version')).toBe(v);
    expect(compactText(problem.querySelector('[data-cite-version]')!)).toBe(`引用的是2020年3月2日的版本（提交${v}）。这一版本之后的修改见修改记录。`);
    expect(problem.querySelector('[data-cite-version] a')!.getAttribute('href')).toBe(commitPage(ids.status!));
    expect(problem.querySelector('[data-cite-version] a:last-child')!.getAttribute('href')).toBe('#record-changes-h');
    expect(problem.querySelector('[data-cite="gbt"]')!.textContent).toContain(`（版本 ${v}）[DS/OL]. (2020-03-02)`);
    // An enterprise's version is that of its latest rating change.
    const enterprise = cited(out, 'credit/91990000MA6YA3BC45/index.html');
    expect(enterprise.querySelector('[data-cite-version]')!.getAttribute('data-cite-version')).toBe(ids.rating!.slice(0, 12));
    expect(JSON.parse(enterprise.querySelector('copy-cite')!.getAttribute('data-cite-input')!).version).toBe(ids.rating!.slice(0, 12));
  });

  it('name on /data/ the version the downloads were built from, and each dataset’s own', () => {
    const data = readHtml(out, 'data/index.html');
    expect(data.querySelector('[aria-labelledby="cite-h"] [data-cite-version]')!.getAttribute('data-cite-version')).toBe(ids.rating!.slice(0, 12));
    const card = data.querySelector('[aria-labelledby="cite-problems"] [data-cite-version]')!;
    expect(card.getAttribute('data-cite-version')).toBe(ids.remove!.slice(0, 12));
    expect(card.querySelector('a:last-child')!.getAttribute('href')).toBe('#problems-versions');
    // The lists' filtered downloads are named with it, from the build's data-version.json; the list pages do not carry it.
    expect(JSON.parse(readFileSync(join(out, 'data-version.json'), 'utf8'))).toEqual({
      version: ids.rating!.slice(0, 12),
      commit: ids.rating,
      day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(readHtml(out, 'problems/index.html').querySelector('problem-register')!.hasAttribute('data-version')).toBe(false);
    expect(readHtml(out, 'credit/index.html').querySelector('credit-list')!.hasAttribute('data-version')).toBe(false);
  });

  it('say nothing of a version without history', () => {
    expect(readHtml(noGitOut, 'problems/GS-2019-005/index.html').querySelector('[data-cite-version]')).toBeNull();
    expect(JSON.parse(readFileSync(join(noGitOut, 'data-version.json'), 'utf8'))).toEqual({ version: null, commit: null, day: null });
  });
});

describe('a dataset not updated as often as datasets.csv says', () => {
  // problems.csv last changed on 2020-04-01; the build's date is 2026-01-15.
  const late = '按规定每月更新，已 69 个月未更新';
  const flat = (t: string) => t.replace(/\s+/g, '');
  it('is marked overdue, in words, on /data/, on the lists that show it and on the home page', () => {
    const card = readHtml(out, 'data/index.html').getElementById('problems')!.querySelector('[data-freshness]')!;
    expect(card.getAttribute('data-freshness')).toBe('overdue');
    expect(compactText(card)).toBe(flat(late));
    for (const page of ['problems/index.html', 'villages/index.html', 'index.html']) {
      const note = readHtml(out, page).querySelector('[data-dataset-late="problems"]');
      expect(note, page).not.toBeNull();
      expect(compactText(note!), page).toBe(flat(`测试表 problems：${late}（最近一次更新在 2020年4月1日）。`));
    }
    // 不定期 never falls due.
    const enterprises = readHtml(out, 'data/index.html').getElementById('enterprises')!.querySelector('[data-freshness]')!;
    expect(enterprises.getAttribute('data-freshness')).toBe('ok');
    expect(compactText(enterprises)).toBe('不定期，没有固定的更新期限');
  });

  it('is not claimed on a record’s page, which would change with every day’s build', () => {
    expect(readHtml(out, 'problems/GS-2019-005/index.html').querySelector('[data-dataset-late]')).toBeNull();
  });

  it('is not claimed from a file’s modification time when the data have no history', () => {
    const card = readHtml(noGitOut, 'data/index.html').getElementById('problems')!.querySelector('[data-freshness]')!;
    expect(card.getAttribute('data-freshness')).toBe('ok');
    expect(compactText(card)).toBe('按规定每月更新；最近一次更新的日期不明，无法判断是否按时');
    expect(readHtml(noGitOut, 'problems/index.html').querySelector('[data-dataset-late]')).toBeNull();
  });
});

const changeLines = (page: string) =>
  readHtml(out, page)
    .querySelectorAll('[data-record-changes] [data-change]')
    .map((li) => li.textContent.replace(/\s+/g, ' ').trim());

describe('修改记录 on record pages', () => {
  it("dates a problem's status change with the column's Chinese title and says when it first appeared", () => {
    const lines = changeLines('problems/GS-2019-005/index.html');
    expect(lines[0]).toBe(`2020-03-02 整改状态：整改中 → 已整改；完成日期：（空） → 2019-12-20 ${short(ids.status!)}`);
    expect(lines.at(-1)).toBe(`2020-01-10 首次公开 ${short(ids.first!)}`);
    const first = readHtml(out, 'problems/GS-2019-005/index.html').querySelector('[data-first-seen]')!;
    expect(compactText(first)).toContain('首次在本站公开：2020年1月10日');
    expect(first.querySelector('a')!.getAttribute('href')).toBe(commitPage(ids.first!));
  });

  it('shows a rating changed on the enterprise page with the period in words', () => {
    const lines = changeLines('credit/91990000MA6YA3BC45/index.html');
    expect(lines[0]).toBe(`2020-05-01 2019年下半年评价 信用等级：绿色 → 蓝色；得分：12 → 8 复核后更正：见 R-2020-001 ${short(ids.rating!)}`);
  });

  it('says next to a rating changed after a review that corrected it, linked to the review on the page', () => {
    const page = readHtml(out, 'credit/91990000MA6YA3BC45/index.html');
    const note = page.querySelector('[data-record-changes] [data-review-note]')!;
    expect(note.getAttribute('data-review-note')).toBe('R-2020-001');
    expect(note.querySelector('a')!.getAttribute('href')).toBe('#response-R-2020-001');
    expect(compactText(page.getElementById('response-R-2020-001')!)).toContain('复核结论：更正');
    // A correction whose rating did not change in the history (the fixture's R-2019-002) makes no note.
    const other = readHtml(out, 'credit/91110000600037341L/index.html');
    expect(other.querySelector('#response-R-2019-002')).not.toBeNull();
    expect(other.querySelector('[data-review-note]')).toBeNull();
  });

  it("shows an unchanged indicator's first appearance", () => {
    const page = readHtml(out, 'indicators/class3-rivers/index.html');
    expect(compactText(page.querySelector('[data-first-seen]')!)).toContain('2020年1月10日');
  });
});

describe('/changes/ and /changes.xml', () => {
  it('lists every commit that changed records, newest first, with counts and links to the records', () => {
    const page = readHtml(out, 'changes/index.html');
    const commits = page.querySelectorAll('[data-commit]');
    expect(commits.map((c) => c.getAttribute('data-commit'))).toEqual([ids.rating, ids.remove, ids.status, ids.first]);
    expect(page.querySelectorAll('h2 time').map((t) => t.getAttribute('datetime'))).toEqual(['2020-05-01', '2020-04-01', '2020-03-02', '2020-01-10']);
    const removal = page.getElementById(`c-${short(ids.remove!)}`)!;
    const problems = removal.querySelector('[data-table="problems"]')!;
    expect(problems.querySelector('[data-counts]')!.textContent).toBe('删除 1 条');
    expect(problems.querySelector('[data-kind="removed"] a')!.getAttribute('href')).toBe('/problems/GS-2019-099/');
    // Records are named as readers know them, a removed one from its last content.
    expect(problems.querySelector('[data-kind="removed"] a')!.textContent).toBe('GS-2019-099 夜市油烟直排');
    expect(removal.querySelector('[data-table="enterprises"] [data-kind="removed"] a')!.textContent).toBe('（示例）申酉精细化工有限公司');
    expect(removal.querySelector('[data-table="enterprises"] [data-kind="removed"] a')!.getAttribute('href')).toBe('/credit/91990000MA8HJ7KL8W/');
    const status = page.getElementById(`c-${short(ids.status!)}`)!.querySelector('[data-kind="changed"]')!;
    expect(status.querySelector('a')!.getAttribute('href')).toBe('/problems/GS-2019-005/');
    expect(status.textContent).toContain('整改状态：整改中 → 已整改');
    // The first commit added every row of every table, each linked where it has a page.
    const first = page.getElementById(`c-${short(ids.first!)}`)!;
    expect(first.querySelector('[data-table="problems"] [data-counts]')!.textContent).toBe('新增 14 条');
    expect(first.querySelectorAll('[data-table="problems"] [data-kind="added"] a')).toHaveLength(14);
    // Each entry is headed by what changed, in Chinese, with the commit's subject second, labelled 提交说明.
    expect(page.getElementById(`c-${short(ids.status!)}`)!.querySelector('h3')!.textContent).toBe('问题清单：修改 1 条（整改状态、完成日期）');
    expect(compactText(page.getElementById(`c-${short(ids.status!)}`)!.querySelector('[data-commit-subject]')!)).toBe(
      `提交说明GS-2019-005已整改${short(ids.status!)}`,
    );
    expect(first.querySelector('h3')!.textContent).toMatch(/^村（社区）：新增 \d+ 条；指标：新增 \d+ 条；.*；数据集说明：新增 10 条$/);
    expect(first.querySelector('[data-table="datasets"] strong')!.textContent).toBe('数据集说明');
    // Every link of the log leads to a page of the site.
    for (const a of page.querySelectorAll('.records a'))
      expect(existsSync(join(out, a.getAttribute('href')!.replace(/#.*/, ''), 'index.html')), a.getAttribute('href')).toBe(true);
    // A response is listed like other records, linked to the record it answers, at the response.
    const response = page.getElementById(`c-${short(ids.rating!)}`)!.querySelector('[data-table="responses"] [data-kind="added"] a')!;
    expect(response.getAttribute('href')).toBe('/credit/91990000MA6YA3BC45/#response-R-2020-001');
    expect(response.textContent).toBe('R-2020-001 复核结果：（示例）辰巳机械有限公司 2019年下半年');
  });

  it('puts first in an entry the edits that turned a verdict, judged as of the commit’s day', async () => {
    const page = readHtml(out, 'changes/index.html');
    const verdicts = (id: string) =>
      page
        .getElementById(`c-${short(id)}`)!
        .querySelectorAll('[data-verdict]')
        .map((li) => li.textContent.replace(/\s+/g, ''));
    const enterprise = readHtml(out, 'credit/91990000MA6YA3BC45/index.html').querySelector('h1')!.textContent.trim();
    expect(verdicts(ids.rating!)).toEqual([
      '结论改变河道水质达标比例2017年观测值62.5→55：按期达标→未达标',
      `结论改变${enterprise}2019年下半年：绿色→蓝色`.replace(/\s+/g, ''),
    ]);
    expect(verdicts(ids.status!)[0]).toMatch(/^结论改变GS-2019-005.+：整改中→已整改$/);
    expect(verdicts(ids.remove!)).toEqual([]);
    // Before the other changes of the entry, and linked to the records.
    const entry = page.getElementById(`c-${short(ids.rating!)}`)!;
    expect(entry.innerHTML.indexOf('data-verdicts')).toBeLessThan(entry.innerHTML.indexOf('class="tables"'));
    expect(entry.querySelector('[data-verdict="indicators"] a')!.getAttribute('href')).toBe('/indicators/river-quality/');
    expect(entry.querySelector('[data-verdict="credit-ratings"] a')!.getAttribute('href')).toBe('/credit/91990000MA6YA3BC45/');
    // The commit's own page and the feed say it first too.
    expect(readHtml(out, `${commitPage(ids.rating!).slice(1)}index.html`).querySelector('[data-verdicts]')).not.toBeNull();
    const items = await readFeed(join(out, 'changes.xml'));
    const first = '结论改变：河道水质达标比例 2017年观测值 62.5 → 55：按期达标 → 未达标';
    expect(items[0]!.description.trimStart().slice(0, first.length)).toBe(first);
  });

  it('feeds the same entries, read by an independent feed parser, descriptions as text', async () => {
    const items = await readFeed(join(out, 'changes.xml'));
    expect(items.map((i) => i.link)).toEqual([ids.rating, ids.remove, ids.status, ids.first].map((id) => `${SITE_URL}${commitPage(id!)}`));
    // Headed by what changed, in Chinese; the committer's subject opens the description (after any verdict it turned); categories are table names.
    expect(items[0]!.title).toBe('2020-05-01 指标观测值：修改 1 条（数值）；信用评价：修改 2019年下半年 1 条（信用等级、得分）；异议与回应：新增 1 条');
    expect(items[0]!.description.split('\n').map((l) => l.trim())[2]).toBe(`提交说明：更正辰巳机械 2019 下半年等级（${short(ids.rating!)}）`);
    expect(items[1]!.description.trimStart().startsWith(`提交说明：删除重复的问题和已注销的企业（${short(ids.remove!)}）`)).toBe(true);
    expect(items[1]!.categories).toEqual(['问题清单', '企业名录', '信用评价']);
    expect(items[3]!.description).toContain('数据集说明（data/datasets.csv）：新增 10 条');
    expect(items[0]!.pubdate?.toISOString()).toBe('2020-05-01T02:00:00.000Z');
    expect(items[2]!.description).toContain('修改 GS-2019-005：整改状态：整改中 → 已整改');
  });
});

describe("a village's feed", () => {
  it('has the status changes the history records, dated by their commit', async () => {
    const items = await readFeed(join(out, 'villages/dongcun/feed.xml'));
    const change = items.find((i) => i.title === 'GS-2019-005 河道沿岸生活垃圾堆积（整改中 → 已整改）');
    expect(change?.pubdate?.toISOString()).toBe(new Date('2020-03-02T10:00:00+08:00').toISOString());
    expect(change?.link).toBe(`${SITE_URL}/problems/GS-2019-005/`);
    expect(change?.description).toBe('2020-03-02 整改状态由“整改中”改为“已整改”。');
    // Completed since: its completion is an item, its passed deadline no longer is.
    expect(items.map((i) => i.title)).toContain('GS-2019-005 河道沿岸生活垃圾堆积（已整改）');
    expect(items.map((i) => i.title)).not.toContain('GS-2019-005 河道沿岸生活垃圾堆积（整改期限已过，仍未完成）');
  });
});

describe("each commit's own page", () => {
  const commitLinks = (site: string, page: string) =>
    readHtml(site, page)
      .querySelectorAll('[data-record-changes] a, [data-removed] a')
      .map((a) => a.getAttribute('href')!)
      // The 复核后更正 note links to the review on the same page, not to a commit.
      .filter((href) => !href.startsWith('#response-'));

  it('exists for every commit of the log, with its date, subject and records, and the log links each entry to it', () => {
    const log = readHtml(out, 'changes/index.html');
    for (const id of [ids.rating, ids.remove, ids.status, ids.first]) {
      const entry = log.getElementById(`c-${short(id!)}`)!;
      expect(entry.querySelector('[data-commit-link]')!.getAttribute('href')).toBe(commitPage(id!));
      const page = readHtml(out, `${commitPage(id!).slice(1)}index.html`);
      expect(page.querySelector('[data-commit]')!.getAttribute('data-commit')).toBe(id);
      expect(page.querySelector('[data-commit-meta] code')!.textContent).toBe(short(id!));
    }
    const removal = readHtml(out, `${commitPage(ids.remove!).slice(1)}index.html`);
    expect(removal.querySelector('h1')!.textContent).toBe('问题清单：删除 1 条；企业名录：删除 1 条；信用评价：删除 2019年下半年 1 条');
    expect(compactText(removal.querySelector('[data-commit-subject]')!)).toBe('提交说明删除重复的问题和已注销的企业');
    expect(removal.querySelector('[data-commit-meta] time')!.getAttribute('datetime')).toBe('2020-04-01');
    expect(removal.querySelector('[data-table="problems"] [data-kind="removed"] a')!.getAttribute('href')).toBe('/problems/GS-2019-099/');
    // The commits that changed no record (their rows could not be keys) have no page.
    expect(existsSync(join(out, commitPage(ids.typo!).slice(1)))).toBe(false);
  });

  it('is what record pages, removed records and /data/ link to: every commit link of a record page leads to a page of the site', () => {
    const links = [
      ...commitLinks(out, 'problems/GS-2019-005/index.html'),
      ...commitLinks(out, 'credit/91990000MA6YA3BC45/index.html'),
      ...commitLinks(out, 'problems/GS-2019-099/index.html'),
    ];
    expect(new Set(links)).toEqual(new Set([ids.first, ids.status, ids.rating, ids.remove].map((id) => commitPage(id!))));
    for (const l of links) expect(existsSync(join(out, l, 'index.html')), l).toBe(true);
    const versions = readHtml(out, 'data/index.html').getElementById('problems')!.querySelectorAll('[data-version] a');
    expect(versions.filter((a) => a.textContent === '改了什么').map((a) => a.getAttribute('href'))).toEqual(
      [ids.remove, ids.status, ids.first].map((id) => commitPage(id!)),
    );
  });

  it('keeps its address when a newer commit comes: record pages link to the same pages, and a record the new commit did not touch shows the same 修改记录', () => {
    for (const page of ['problems/GS-2019-005/index.html', 'credit/91990000MA6YA3BC45/index.html', 'problems/GS-2019-099/index.html']) {
      expect(commitLinks(newerOut, page), page).toEqual(commitLinks(out, page));
      expect(readHtml(newerOut, page).querySelector('[data-record-changes]')!.outerHTML, page).toBe(
        readHtml(out, page).querySelector('[data-record-changes]')!.outerHTML,
      );
    }
    // The record the new commit changed keeps its older links and gains the new one.
    const before = commitLinks(out, 'problems/GS-2019-007/index.html');
    const after = commitLinks(newerOut, 'problems/GS-2019-007/index.html');
    expect(after).toContain(commitPage(ids.newer!));
    expect(after.filter((l) => l !== commitPage(ids.newer!))).toEqual(before);
    for (const id of [ids.rating, ids.remove, ids.status, ids.first, ids.newer])
      expect(existsSync(join(newerOut, commitPage(id!).slice(1), 'index.html')), id).toBe(true);
    // The older commits are on the log's second page by now; their own pages did not move.
    expect(readHtml(newerOut, 'changes/page/2/index.html').getElementById(`c-${short(ids.first!)}`)).not.toBeNull();
  });
});

describe('removed records', () => {
  it('keep their page, marked 已删除 with the date, the last content and a link to the change', () => {
    const page = readHtml(out, 'problems/GS-2019-099/index.html');
    const banner = page.querySelector('[data-removed]')!;
    expect(banner.getAttribute('data-removed')).toBe('2020-04-01');
    expect(compactText(banner)).toContain('已删除：这条记录于2020年4月1日从数据中删除');
    expect(banner.querySelector('a')!.getAttribute('href')).toBe(commitPage(ids.remove!));
    expect(page.querySelector('h1')!.textContent).toBe('GS-2019-099 夜市油烟直排');
    expect(page.querySelector('[data-column="status"]')!.textContent).toContain('整改中');
    expect(page.querySelector('[data-pagefind-filter="status"]')!.textContent).toBe('已删除');
    const enterprise = readHtml(out, 'credit/91990000MA8HJ7KL8W/index.html');
    expect(enterprise.querySelector('h1')!.textContent).toBe('（示例）申酉精细化工有限公司');
    expect(enterprise.querySelector('[data-removed]')!.getAttribute('data-removed')).toBe('2020-04-01');
    // Its rating, removed with it, is in its 修改记录.
    expect(changeLines('credit/91990000MA8HJ7KL8W/index.html').filter((l) => l.startsWith('2020-04-01'))).toHaveLength(2);
  });

  it('are listed apart from the current ones on the registers', () => {
    const list = readHtml(out, 'problems/index.html');
    const removed = list.querySelector('[data-removed-list]')!;
    expect(removed.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/problems/GS-2019-099/']);
    const current = list.querySelectorAll('a').filter((a) => a.getAttribute('href') === '/problems/GS-2019-099/' && !removed.querySelectorAll('a').includes(a));
    expect(current).toHaveLength(0);
    const credit = readHtml(out, 'credit/index.html').querySelector('[data-removed-list]')!;
    expect(credit.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/credit/91990000MA8HJ7KL8W/']);
  });
});

describe('keys of old versions that would not validate today', () => {
  it('never become a page or a folder; the build says so once each in Chinese with file, line and commit, and shows the rest', () => {
    expect(existsSync(join(out, 'problems/GS'))).toBe(false);
    expect(existsSync(join(out, 'credit/91990000ma6ya3bc45'))).toBe(false);
    const warnings = buildLog.split('\n').filter((l) => l.includes('数据修改历史：'));
    expect(warnings).toEqual([
      expect.stringContaining(
        `数据修改历史：data/problems.csv 第 ${typoLines.problems} 行（提交 ${short(ids.typo!)}，2020-03-10）中问题编号“GS/2019-100”格式不对`,
      ),
      expect.stringContaining(
        `数据修改历史：data/enterprises.csv 第 ${typoLines.enterprises} 行（提交 ${short(ids.typo!)}，2020-03-10）中统一社会信用代码“91990000ma6ya3bc45”含有不允许的字符“m”，字母要大写`,
      ),
    ]);
    // Nothing else of those two commits was a record change: they are not in the change log, the others are.
    const commits = readHtml(out, 'changes/index.html')
      .querySelectorAll('[data-commit]')
      .map((c) => c.getAttribute('data-commit'));
    expect(commits).toEqual([ids.rating, ids.remove, ids.status, ids.first]);
    expect(existsSync(join(out, 'problems/GS-2019-099/index.html'))).toBe(true);
  });
});

describe('without git history', () => {
  it('builds, with a visible note on record pages and on /changes/, and no removed pages', () => {
    for (const p of ['problems/GS-2019-005/index.html', 'credit/91990000MA6YA3BC45/index.html', 'changes/index.html']) {
      const note = readHtml(noGitOut, p).querySelector('[data-history-unavailable]');
      expect(note, p).not.toBeNull();
      expect(note!.textContent, p).toContain('不在 git 仓库中');
    }
    expect(existsSync(join(noGitOut, 'problems/GS-2019-099/index.html'))).toBe(false);
  });
});

describe('versions you can cite', () => {
  it("lists each dataset's versions on /data/, newest first, linked to the file at that commit", () => {
    const page = readHtml(out, 'data/index.html');
    const problems = page.getElementById('problems')!.querySelectorAll('[data-version]');
    expect(problems.map((v) => v.getAttribute('data-version'))).toEqual([ids.remove, ids.untypo, ids.typo, ids.status, ids.first]);
    expect(problems[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2020-04-01');
    expect(problems[0]!.querySelector('a')!.getAttribute('href')).toBe(`${REPO_URL}/blob/${ids.remove}/data/problems.csv`);
    expect(problems[0]!.querySelector('code')!.textContent).toBe(short(ids.remove!));
    const ratings = page.getElementById('credit-ratings')!.querySelectorAll('[data-version]');
    expect(ratings.map((v) => v.getAttribute('data-version'))).toEqual([ids.rating, ids.remove, ids.first]);
    expect(readHtml(noGitOut, 'data/index.html').querySelector('[data-versions] [data-history-unavailable]')).not.toBeNull();
  });

  it('names in datapackage.json the commit the data were built from', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'data/datapackage.json'), 'utf8'));
    expect(pkg.commit).toEqual({ id: ids.rating, date: '2020-05-01T10:00:00+08:00' });
    expect(JSON.parse(readFileSync(join(noGitOut, 'data/datapackage.json'), 'utf8')).commit).toBeUndefined();
  });
});

describe('disclosure timeliness', () => {
  it('comes from the authority’s disclosure date only, never from when the site first published a record', () => {
    // GS-2019-005 has a first commit but no disclosure date: no figure for it.
    expect(readHtml(out, 'problems/GS-2019-005/index.html').querySelector('[data-disclosure]')).toBeNull();
    // GS-2018-003: reported 2018-11-05 (Monday), disclosed 2018-12-20: 45 days, 33 working days (Monday–Friday).
    for (const site of [out, noGitOut]) {
      expect(readHtml(site, 'problems/GS-2018-003/index.html').querySelector('[data-disclosure]')!.textContent).toBe(
        '发现/交办后 45 天（33 个工作日）由有关部门公开（2018-12-20）。',
      );
    }
    const summary = (site: string) => readHtml(site, 'problems/index.html').querySelector('[data-disclosure-summary]')!.textContent;
    expect(summary(out)).toMatch(
      /^公开及时性按 3 条有公开日期的记录计算（共 \d+ 条，其余 \d+ 条没有公开日期，不计入）：从发现\/交办到有关部门公开，中位数为 10 天；其中 2 条在 20 个工作日内公开/,
    );
    expect(summary(noGitOut)).toBe(summary(out));
  });
});
