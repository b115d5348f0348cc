import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUTPUT = join(ROOT, 'test/.output');
/** The real site, built once per test run by test/global-setup.ts. */
export const SITE_DIR = join(OUTPUT, 'site');
/** The base path the test build uses, so that every test also proves the base path is respected. */
export const SITE_BASE = '/gushan/';
export const SITE_URL = 'https://example.org';
export const BUILD_DATE = '2026-01-15';
export const SEED_PLAN = join(ROOT, '../shared/seed/gushan-2017-plan.txt');
export const REPO_URL = 'https://example.org/gushan-repo';
