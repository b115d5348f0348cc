import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readHtml } from '../helpers/html.ts';
import { FIXTURE, REPO_URL, ROOT, SITE_BASE, SITE_DIR } from '../helpers/paths.ts';
import { editUrl } from '../../src/build/config.ts';

/** The site is built from the fixture, so its files' history is what the pages report. */
const lastCommit = (file: string) => execFileSync('git', ['log', '-1', '--format=%cs', '--', join(FIXTURE, file)], { cwd: ROOT, encoding: 'utf8' }).trim();

describe('pages that show data say when it changed and where to correct it', () => {
  it('links "发现错误？" to the source files on the repository host, with the last change date', () => {
    for (const [page, files] of [
      ['indicators/red-line-share/index.html', ['data/indicators.csv', 'data/observations.csv']],
      ['indicators/index.html', ['data/indicators.csv', 'data/observations.csv']],
      ['plan/gushan-2017/index.html', ['data/indicators.csv', 'data/observations.csv', 'content/plan/gushan-2017.md']],
      ['index.html', ['data/indicators.csv', 'data/observations.csv', 'data/problems.csv', 'data/credit-ratings.csv']],
      ['problems/GS-2017-001/index.html', ['data/problems.csv']],
      ['credit/index.html', ['data/enterprises.csv', 'data/credit-ratings.csv', 'data/credit-levels.csv', 'data/credit-schemes.csv']],
    ] as const) {
      const note = readHtml(SITE_DIR, page).querySelector('.data-source');
      expect(note, page).not.toBeNull();
      const links = note!.querySelectorAll('a:not([data-check-link])').map((a) => a.getAttribute('href'));
      expect(links.sort(), page).toEqual(files.map((f) => `${REPO_URL}/edit/main/${f}`).sort());
      const newest = files.map(lastCommit).filter(Boolean).sort().at(-1);
      if (!newest) continue;
      const shown = note!.querySelector('time')?.getAttribute('datetime');
      // A record's page dates its own rows' last change (issue 30: it changes only when they do), no later than its files'.
      if (/^(indicators|problems|credit)\/[^/]+\/index\.html$/.test(page))
        expect(shown! <= newest && /^\d{4}-\d{2}-\d{2}$/.test(shown!), `${page}: ${shown}`).toBe(true);
      else expect(shown, page).toBe(newest);
    }
  });

  it('links the folded "编辑此数据" of every page that has one, and /data/ near its top, to the CSV checker', () => {
    const pages = listFiles(SITE_DIR).filter((f) => f.endsWith('.html'));
    const withEditor = pages.filter((f) => readFileSync(join(SITE_DIR, f), 'utf8').includes('data-editor'));
    expect(withEditor.length).toBeGreaterThan(40);
    const check = `${SITE_BASE}data/check/`;
    const missing = withEditor.filter((f) => readHtml(SITE_DIR, f).querySelector('details[data-editor] a[data-check-link]')?.getAttribute('href') !== check);
    expect(missing).toEqual([]);
    // Not dependent on REPO_URL: the checker link sits outside the repository links' paragraph.
    const editor = readHtml(SITE_DIR, 'problems/GS-2017-001/index.html').querySelector('details[data-editor]')!;
    const checkP = editor.querySelector('a[data-check-link]')!.parentNode!;
    expect(checkP.querySelectorAll('a').length).toBe(1);
    expect(checkP.textContent.replace(/\s+/g, '')).toBe(
      '改好的CSV文件，提交之前可以先在线检查数据文件：一次列出全部问题，能自动改正的给出改好的文件；文件只在您的电脑上读取，不会上传。',
    );
    // /data/: before the first dataset.
    const links = readHtml(SITE_DIR, 'data/index.html').querySelectorAll('main a');
    const checkAt = links.findIndex((a) => a.getAttribute('href') === check);
    expect(checkAt).toBeGreaterThanOrEqual(0);
    expect(checkAt).toBeLessThan(links.findIndex((a) => a.closest('.dl-toc') !== null));
  });

  it('reaches the CSV checker from the navigation of every data page: /data/, the checker, the error codes, the change log and a commit', () => {
    const commit = listFiles(SITE_DIR).find((f) => /^changes\/[0-9a-f]{12,}\/index\.html$/.test(f));
    expect(commit).toBeDefined();
    for (const page of ['data/index.html', 'data/check/index.html', 'data/errors/index.html', 'changes/index.html', commit!]) {
      const nav = readHtml(SITE_DIR, page).querySelector('nav[data-data-nav]');
      expect(nav, page).not.toBeNull();
      expect(nav!.getAttribute('aria-label'), page).toBe('数据栏目');
      const link = nav!.querySelectorAll('a').find((a) => a.getAttribute('href') === `${SITE_BASE}data/check/`);
      expect(link?.textContent.trim(), page).toBe('检查表格（CSV 检查器）');
      // The page's own entry is marked: exactly it on its own page, the log's entry on a commit's page.
      const current = nav!.querySelectorAll('a[aria-current]').map((a) => [a.getAttribute('href'), a.getAttribute('aria-current')]);
      const own = `${SITE_BASE}${page.replace(/index\.html$/, '')}`;
      expect(current, page).toEqual([page === commit ? [`${SITE_BASE}changes/`, 'true'] : [own, 'page']]);
    }
    expect(readHtml(SITE_DIR, 'problems/index.html').querySelector('nav[data-data-nav]')).toBeNull();
  });

  it('builds edit links only for http(s) repositories, and hides them without one', () => {
    expect(editUrl('data/problems.csv', { REPO_URL: 'https://github.com/org/repo/', REPO_BRANCH: 'data' })).toBe(
      'https://github.com/org/repo/edit/data/data/problems.csv',
    );
    expect(editUrl('data/problems.csv', {})).toBeUndefined();
    expect(editUrl('data/problems.csv', { REPO_URL: 'javascript:alert(1)' })).toBeUndefined();
  });
});
