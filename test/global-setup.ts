import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_FLAGS, findChromium } from './helpers/browser.ts';
import { join } from 'node:path';
import { astroBuildAsync } from './helpers/build.ts';
import { acquireBuildLock, BUILD_LOCK } from './helpers/build-lock.ts';
import { SITES_READY } from './helpers/sites-ready.ts';
import {
  buildLogOf,
  BUILD_DATE,
  SEARCH_FEED_BATCH,
  FIXTURE_CONTENT,
  FIXTURE_DATA,
  REPO_URL,
  SAMPLE_CONTENT,
  SAMPLE_DATA,
  SAMPLE_SITE_DIR,
  SAMPLE_BUILD_DATE,
  SITE_BASE,
  SITE_DIR,
  SITE_URL,
} from './helpers/paths.ts';

/**
 * Builds two sites once, under a base path, for the build and browser tests:
 * - SITE_DIR from the test fixture (test/fixtures/valid), which nearly every test reads;
 * - SAMPLE_SITE_DIR from the real data/ and content/, for the data-agnostic checks only, so
 *   that an editor's correct change to data/ never turns the tests red.
 * The builds run while the unit files do (Vitest starts no test before every global setup has
 * returned): they hold the build lock, and each site file waits for SITES_READY before it starts
 * (test/helpers/sites-ready.ts), which also carries a failed build's output to the run.
 * Then starts one Chromium that every browser test connects to (test/helpers/site-browser.ts):
 * starting a browser per test file cost more than many of the files' checks.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(SITES_READY, { force: true });
  mkdirSync(dirname(SITES_READY), { recursive: true });
  // While working on tests: REUSE_SITES=1 keeps sites an earlier run built (never set in CI).
  const reuse = process.env.REUSE_SITES === '1' && !process.env.CI && [SITE_DIR, SAMPLE_SITE_DIR].every((d) => existsSync(join(d, 'index.html')));
  // A lock a killed run left behind (test/helpers/build-lock.ts).
  if (!reuse) rmSync(BUILD_LOCK, { recursive: true, force: true });
  const built = reuse ? Promise.resolve() : buildSites();
  const ready = built.then(
    () => writeFileSync(SITES_READY, JSON.stringify({ ok: true })),
    (e: unknown) => writeFileSync(SITES_READY, JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) })),
  );
  const path = findChromium();
  const server = path
    ? await chromium.launchServer({ executablePath: path, headless: true, args: CHROMIUM_FLAGS }).catch(async (e: unknown) => {
        // No teardown runs after a failed setup: let the builds end rather than leave Astro running.
        await ready;
        throw e;
      })
    : undefined;
  project.provide('chromiumEndpoint', server?.wsEndpoint() ?? '');
  return async () => {
    await ready;
    await server?.close();
  };
}

async function buildSites(): Promise<void> {
  const unlock = await acquireBuildLock();
  try {
    // SEARCH_FEED_BATCH: pages are handed to the search indexer in batches of 2,000 while the rest
    // render (src/integrations/pagefind.ts); the test sites are smaller, so they use batches of 10.
    const env = { BASE_PATH: SITE_BASE, SITE_URL, BUILD_DATE, REPO_URL, SEARCH_FEED_BATCH: String(SEARCH_FEED_BATCH) };
    for (const [name, out, dataDir, contentDir, date] of [
      ['test fixture', SITE_DIR, FIXTURE_DATA, FIXTURE_CONTENT, BUILD_DATE],
      ['real data', SAMPLE_SITE_DIR, SAMPLE_DATA, SAMPLE_CONTENT, SAMPLE_BUILD_DATE],
    ] as const) {
      rmSync(out, { recursive: true, force: true });
      const r = await astroBuildAsync({ ...env, BUILD_DATE: date, OUT_DIR: out, DATA_DIR: dataDir, CONTENT_DIR: contentDir });
      if (r.status !== 0) throw new Error(`astro build of the ${name} site failed:\n${r.output}`);
      writeFileSync(buildLogOf(out), r.output);
    }
  } finally {
    unlock();
  }
}
