import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../helpers/html.ts';
import { FIXTURE, REPO_URL, ROOT, SITE_DIR } from '../helpers/paths.ts';
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
      ['credit/index.html', ['data/enterprises.csv', 'data/credit-ratings.csv', 'data/credit-levels.csv']],
    ] as const) {
      const note = readHtml(SITE_DIR, page).querySelector('.data-source');
      expect(note, page).not.toBeNull();
      const links = note!.querySelectorAll('a').map((a) => a.getAttribute('href'));
      expect(links.sort(), page).toEqual(files.map((f) => `${REPO_URL}/edit/main/${f}`).sort());
      const newest = files.map(lastCommit).filter(Boolean).sort().at(-1);
      if (newest) expect(note!.querySelector('time')?.getAttribute('datetime'), page).toBe(newest);
    }
  });

  it('builds edit links only for http(s) repositories, and hides them without one', () => {
    expect(editUrl('data/problems.csv', { REPO_URL: 'https://github.com/org/repo/', REPO_BRANCH: 'data' })).toBe(
      'https://github.com/org/repo/edit/data/data/problems.csv',
    );
    expect(editUrl('data/problems.csv', {})).toBeUndefined();
    expect(editUrl('data/problems.csv', { REPO_URL: 'javascript:alert(1)' })).toBeUndefined();
  });
});
