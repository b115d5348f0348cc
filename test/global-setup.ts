import { rmSync } from 'node:fs';
import { astroBuild } from './helpers/build.ts';
import { BUILD_DATE, REPO_URL, SITE_BASE, SITE_DIR, SITE_URL } from './helpers/paths.ts';

/** Builds the real site once, under a base path, for the build and browser tests. */
export default function setup(): void {
  rmSync(SITE_DIR, { recursive: true, force: true });
  const r = astroBuild({ OUT_DIR: SITE_DIR, BASE_PATH: SITE_BASE, SITE_URL, BUILD_DATE, REPO_URL });
  if (r.status !== 0) throw new Error(`astro build of the real site failed:\n${r.output}`);
}
