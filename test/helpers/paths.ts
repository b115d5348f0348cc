import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUTPUT = join(ROOT, 'test/.output');
/**
 * Where materialised fixtures go: one folder per test worker (VITEST_POOL_ID is 1…maxWorkers),
 * as files run in parallel and several materialise the same fixture. At the depth of the
 * folder it replaced: a pinned message holds the relative path from a fixture's page to src/.
 */
export const FIXTURES_OUTPUT = join(OUTPUT, `fixtures-${process.env.VITEST_POOL_ID ?? '0'}`);
/**
 * The data set the build and browser tests run on: test/fixtures/valid, made for the tests and
 * changed only together with them. Tests pin values of it freely.
 */
export const FIXTURE = join(ROOT, 'test/fixtures/valid');
export const FIXTURE_DATA = join(FIXTURE, 'data');
export const FIXTURE_CONTENT = join(FIXTURE, 'content');
/** The fixture site, built once per test run by test/global-setup.ts. */
export const SITE_DIR = join(OUTPUT, 'site');
/**
 * The real data/ and content/, built once per test run by test/global-setup.ts. Only
 * data-agnostic checks run on it (test/build/sample-data.test.ts): the town edits these files.
 */
export const SAMPLE_DATA = join(ROOT, 'data');
export const SAMPLE_CONTENT = join(ROOT, 'content');
export const SAMPLE_SITE_DIR = join(OUTPUT, 'sample-site');
/** Pages per batch the test sites hand to the search indexer while rendering (SEARCH_FEED_BATCH). */
export const SEARCH_FEED_BATCH = 10;
/** What `astro build` printed for a site test/global-setup.ts built (beside it, not in it). */
export const buildLogOf = (siteDir: string) => `${siteDir}.build.log`;
/** The base path the test build uses, so that every test also proves the base path is respected. */
export const SITE_BASE = '/gushan/';
export const SITE_URL = 'https://example.org';
export const BUILD_DATE = '2026-01-15';
/**
 * The real-data site is built on today's date (China time), never earlier than BUILD_DATE: the
 * validator refuses dates after the build's, so an editor's row dated today must not turn the
 * tests red. Its checks compare with the site's own date (BuiltSite.buildDate), never assert it.
 */
export const SAMPLE_BUILD_DATE = ((today) => (today > BUILD_DATE ? today : BUILD_DATE))(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()),
);
/** The source document the real plan was transcribed from, kept beside it in the repository. */
export const PLAN_SOURCE = join(ROOT, 'content/plan/sources/gushan-2017.txt');
export const REPO_URL = 'https://example.org/gushan-repo';
