import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { withBuildLockSync } from './build-lock.ts';
import { ROOT } from './paths.ts';

export interface BuildResult {
  status: number | null;
  output: string;
}

/**
 * The environment a user's shell would give the build: without the variables Vitest sets for
 * its own Vite (BASE_URL, MODE, NODE_ENV=test, …), which would leak into Astro's Vite.
 */
export function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** Runs `astro build` in a child process, as a user would (one at a time: test/helpers/build-lock.ts), with the given environment (and flags such as `--force`). */
export function astroBuild(env: Record<string, string>, root = ROOT, args: readonly string[] = []): BuildResult {
  const r = withBuildLockSync(() =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, ...args], {
      cwd: root,
      env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}
