import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../helpers/build.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { listFiles } from '../helpers/html.ts';
import { ROOT } from '../helpers/paths.ts';
import { generate, type Sizes } from '../../scripts/generate-data.ts';
import { LOCAL_SITE_WARNING } from '../../src/lib/urls.ts';

// A small generated data set (about 500 pages): the generator and the configurable folders keep
// working, and a rebuild with the caches of the build before makes the site a clean build makes.
const SIZES: Sizes = { villages: 20, enterprises: 200, periods: 3, problems: 200, indicators: 20, observations: 5 };
const SEED = 7;

const dirs: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a generated data set of about 200 enterprises', () => {
  let dir = '';
  beforeAll(() => {
    dir = temp('gushan-generated-');
    generate(dir, SIZES, SEED);
  });

  it('passes npm run validate', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/validate.ts'), '--data', join(dir, 'data'), '--content', join(dir, 'content')], {
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^✓ 数据检查通过：11 个表共 \d+ 行/);
    expect(r.status).toBe(0);
  });

  it('is the same for the same seed', () => {
    const again = temp('gushan-generated-again-');
    generate(again, SIZES, SEED);
    for (const f of readdirSync(join(dir, 'data'))) {
      expect(spawnSync('cmp', [join(dir, 'data', f), join(again, 'data', f)]).status, f).toBe(0);
    }
  });
});

// A deployment after an editor's one-row commit rebuilds with what the last build left: the
// records' history cache (kept between deployments, HISTORY_CACHE_DIR) and Astro's own cache in
// node_modules/.astro. Whatever those caches hold, the site must be the one a clean build makes
// of the same commit, pages and search index alike. Built without SITE_URL, as an editor's
// preview is, and with small search batches, so that Pagefind's batches are many.
describe('a rebuild after a one-row commit, with the caches of the build before', () => {
  let repo: TempRepo;
  let first: BuildResult;
  let firstOut = '';
  let rebuilt = '';
  let clean = '';
  let problem: Record<string, string>;
  const newTitle = (title: string) => `${title}（经核实已更正）`;

  beforeAll(() => {
    const generated = temp('gushan-generated-repo-');
    generate(generated, SIZES, SEED);
    repo = tempRepo('gushan-rebuild-');
    cpSync(generated, repo.dir, { recursive: true });
    repo.commit({}, '2025-11-03T09:00:00+08:00', '首次公开全部数据');
    const file = join(repo.dir, 'data/problems.csv');
    // Each row's title, changed on its own line (titles repeat across rows).
    const retitle = (row: Record<string, string>) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.startsWith(`${row.id},`));
      expect(lines[at]).toContain(`,${row.title},`);
      lines[at] = lines[at]!.replace(`,${row.title},`, `,${newTitle(row.title!)},`);
      return lines.join('\n');
    };
    const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
    problem = rows[0]!;
    // A change before the first build, so that its cache holds a diff between two versions.
    repo.commit({ 'data/problems.csv': retitle(rows[1]!) }, '2025-11-03T15:00:00+08:00', `${rows[1]!.id} 标题更正`);
    const env = {
      BASE_PATH: '/',
      BUILD_DATE: '2026-01-15',
      SEARCH_FEED_BATCH: '10',
      DATA_DIR: join(repo.dir, 'data'),
      CONTENT_DIR: join(repo.dir, 'content'),
    };
    const cache = temp('gushan-rebuild-cache-');
    rebuilt = temp('gushan-rebuild-out-');
    first = astroBuild({ ...env, HISTORY_CACHE_DIR: cache, OUT_DIR: rebuilt });
    expect(first.status, first.output.slice(-3000)).toBe(0);
    // What the first build made, kept to look at before the rebuild overwrites it.
    firstOut = temp('gushan-first-out-');
    cpSync(rebuilt, firstOut, { recursive: true });

    repo.commit({ 'data/problems.csv': retitle(problem) }, '2025-11-04T09:00:00+08:00', `${problem.id} 标题更正`);

    const again = astroBuild({ ...env, HISTORY_CACHE_DIR: cache, OUT_DIR: rebuilt });
    expect(again.status, again.output.slice(-3000)).toBe(0);
    clean = temp('gushan-clean-out-');
    const fresh = astroBuild({ ...env, HISTORY_CACHE_DIR: temp('gushan-clean-cache-'), OUT_DIR: clean }, undefined, ['--force']);
    expect(fresh.status, fresh.output.slice(-3000)).toBe(0);
  }, 900_000);

  afterAll(() => {
    repo?.remove();
  });

  it('builds from DATA_DIR and CONTENT_DIR, with a page per enterprise and per problem and a search index', () => {
    expect(readdirSync(join(firstOut, 'credit')).filter((d) => d.startsWith('91320281'))).toHaveLength(SIZES.enterprises);
    expect(readdirSync(join(firstOut, 'problems')).filter((d) => d.startsWith('GS-'))).toHaveLength(SIZES.problems);
    expect(existsSync(join(firstOut, 'pagefind/pagefind.js'))).toBe(true);
    expect(first.output).toContain('页面大小');
    // Built without SITE_URL: one warning, and the noticeboard sheets say their QR code is no good.
    expect(first.output.split(LOCAL_SITE_WARNING)).toHaveLength(2);
    const village = readdirSync(join(firstOut, 'villages')).find((d) => existsSync(join(firstOut, 'villages', d, 'notice/index.html')));
    const sheet = readFileSync(join(firstOut, 'villages', village!, 'notice/index.html'), 'utf8');
    expect(sheet).toMatch(/<p class="sheet-local"[^>]* data-notice-local[^>]*>预览版：未设置网址，二维码指向本机，不可张贴<\/p>/);
  });

  it('shows the change', () => {
    const page = readFileSync(join(rebuilt, `problems/${problem.id}/index.html`), 'utf8');
    expect(page).toContain(newTitle(problem.title!));
    // Its 修改记录 lists the new commit, which the history cache had not seen.
    const changes = page.slice(page.indexOf('data-record-changes'));
    expect(changes).toContain('2025-11-04');
  });

  it('is byte for byte the site a clean build makes, search index included', () => {
    const files = listFiles(clean);
    expect(files.filter((f) => /^(credit|problems)\/[^/]+\/index\.html$/.test(f)).length).toBeGreaterThan(SIZES.enterprises + SIZES.problems);
    // Pagefind holds the prose only (issue 30): the indicators, the explanatory pages and the plan's
    // sections, a fragment each; the problems and enterprises are in the record index.
    expect(files.filter((f) => f.startsWith('pagefind/fragment/')).length).toBeGreaterThan(SIZES.indicators);
    expect(files.filter((f) => f.startsWith('records-index/')).length).toBeGreaterThan(5);
    expect(listFiles(rebuilt)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(rebuilt, f)).equals(readFileSync(join(clean, f))));
    expect(differing).toEqual([]);
  });
});
