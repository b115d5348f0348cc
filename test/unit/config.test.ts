/**
 * The build's configuration (src/build/config.ts), the one place that reads the environment:
 * each variable and its default, and one reading per process.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildDate, config, editUrl, readConfig, repoFileUrl } from '../../src/build/config.ts';
import { datasetDirs } from '../../src/build/read-dataset.ts';

const NOW = new Date('2026-03-01T17:30:00Z'); // 2026-03-02 in China

describe('readConfig', () => {
  it('gives the defaults, relative to the folder the build runs in, without any variable', () => {
    expect(readConfig({}, '/repo', NOW)).toEqual({
      dataDir: join('/repo', 'data'),
      contentDir: join('/repo', 'content'),
      outDir: './dist',
      historyCacheDir: join('/repo', 'node_modules/.cache/gushan-history'),
      incremental: false,
      astroCacheDir: join('/repo', 'node_modules/.astro'),
      repoUrl: undefined,
      repoBranch: 'main',
      buildDate: '2026-03-02',
      searchFeedBatch: undefined,
      cwd: '/repo',
    });
  });

  it('reads each variable, and an empty one as not given', () => {
    const env = {
      DATA_DIR: '/d',
      CONTENT_DIR: '/c',
      OUT_DIR: '/o',
      HISTORY_CACHE_DIR: '/h',
      INCREMENTAL_BUILD: '1',
      ASTRO_CACHE_DIR: '/a',
      REPO_URL: ' https://example.org/gushan ',
      REPO_BRANCH: 'gh-pages',
      BUILD_DATE: '2026-01-15',
      SEARCH_FEED_BATCH: '3',
    };
    expect(readConfig(env, '/repo', NOW)).toEqual({
      dataDir: '/d',
      contentDir: '/c',
      outDir: '/o',
      historyCacheDir: '/h',
      incremental: true,
      astroCacheDir: '/a',
      repoUrl: 'https://example.org/gushan',
      repoBranch: 'gh-pages',
      buildDate: '2026-01-15',
      searchFeedBatch: 3,
      cwd: '/repo',
    });
    const empty = Object.fromEntries(Object.keys(env).map((k) => [k, '']));
    expect(readConfig(empty, '/repo', NOW)).toEqual(readConfig({}, '/repo', NOW));
  });

  it('refuses what it cannot use: a repository that is not http(s), a batch that is not a positive integer, a date not YYYY-MM-DD', () => {
    const c = readConfig({ REPO_URL: 'javascript:alert(1)', SEARCH_FEED_BATCH: '2.5', BUILD_DATE: 'tomorrow' }, '/repo', NOW);
    expect([c.repoUrl, c.searchFeedBatch, c.buildDate]).toEqual([undefined, undefined, '2026-03-02']);
    expect(readConfig({ SEARCH_FEED_BATCH: '0' }, '/repo', NOW).searchFeedBatch).toBeUndefined();
  });

  it('builds the repository links from REPO_URL and REPO_BRANCH', () => {
    const env = { REPO_URL: 'https://example.org/gushan/', REPO_BRANCH: 'data edits' };
    expect(editUrl('data/问题.csv', env)).toBe('https://example.org/gushan/edit/data%20edits/data/%E9%97%AE%E9%A2%98.csv');
    expect(repoFileUrl('abc123', 'data/a.csv', env)).toBe('https://example.org/gushan/blob/abc123/data/a.csv');
    expect(editUrl('data/a.csv', {})).toBeUndefined();
  });
});

describe('config', () => {
  it('reads the environment once: a later change to it is not seen, and every reader gets the same folders and date', () => {
    const first = config();
    const saved = process.env.DATA_DIR;
    process.env.DATA_DIR = '/somewhere/else';
    try {
      expect(config()).toBe(first);
      expect(datasetDirs().dataDir).toBe(first.dataDir);
      expect(buildDate()).toBe(first.buildDate);
    } finally {
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
    }
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('is shared by a second copy of the module, as `astro build` loads one for the integrations and one with the pages', async () => {
    const second = `../../src/build/config.ts?${'second-copy'}`;
    const copy = (await import(/* @vite-ignore */ second)) as typeof import('../../src/build/config.ts');
    expect(copy.config).not.toBe(config);
    expect(copy.config()).toBe(config());
  });
});
