import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { tempRepo, type TempRepo } from '../helpers/git-repo.ts';
import { listFiles } from '../helpers/html.ts';
import { PRESETS, generate } from '../../scripts/generate-data.ts';

// A deployment after an editor's one-row commit rebuilds with what the last build left: the
// records' history cache (kept between deployments, HISTORY_CACHE_DIR) and Astro's own cache in
// node_modules/.astro. Whatever those caches hold, the site must be the one a clean build makes
// of the same commit, pages and search index alike. On the M data set (2,204 pages).
describe('a rebuild after a one-row commit, with the caches of the build before', () => {
  let repo: TempRepo;
  const dirs: string[] = [];
  const temp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  let rebuilt = '';
  let clean = '';
  let problem: Record<string, string>;
  const newTitle = (title: string) => `${title}（经核实已更正）`;

  beforeAll(() => {
    const generated = temp('gushan-m-');
    generate(generated, PRESETS.M, 1);
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
      SITE_URL: 'https://example.org',
      BUILD_DATE: '2026-01-15',
      DATA_DIR: join(repo.dir, 'data'),
      CONTENT_DIR: join(repo.dir, 'content'),
    };
    const cache = temp('gushan-rebuild-cache-');
    rebuilt = temp('gushan-rebuild-out-');
    const first = astroBuild({ ...env, HISTORY_CACHE_DIR: cache, OUT_DIR: rebuilt });
    expect(first.status, first.output.slice(-3000)).toBe(0);

    repo.commit({ 'data/problems.csv': retitle(problem) }, '2025-11-04T09:00:00+08:00', `${problem.id} 标题更正`);

    const again = astroBuild({ ...env, HISTORY_CACHE_DIR: cache, OUT_DIR: rebuilt });
    expect(again.status, again.output.slice(-3000)).toBe(0);
    clean = temp('gushan-clean-out-');
    const fresh = astroBuild({ ...env, HISTORY_CACHE_DIR: temp('gushan-clean-cache-'), OUT_DIR: clean }, undefined, ['--force']);
    expect(fresh.status, fresh.output.slice(-3000)).toBe(0);
  }, 900_000);

  afterAll(() => {
    repo?.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
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
    expect(files.length).toBeGreaterThan(4000);
    // Pagefind holds the prose only (issue 30): 50 indicators, the explanatory pages and the plan's
    // sections, a fragment each; the 2,000 problems and enterprises are in the record index.
    expect(files.filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith('records-index/')).length).toBeGreaterThan(30);
    expect(listFiles(rebuilt)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(rebuilt, f)).equals(readFileSync(join(clean, f))));
    expect(differing).toEqual([]);
  });
});
