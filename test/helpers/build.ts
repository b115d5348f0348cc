import { spawn, spawnSync } from 'node:child_process';
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

const astroArgs = (root: string, args: readonly string[]) => [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, ...args];
const astroEnv = (env: Record<string, string>) => ({ ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env });

/** As astroBuild, without blocking the event loop and without taking the lock: the caller holds it (test/global-setup.ts). */
export function astroBuildAsync(env: Record<string, string>, root = ROOT): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, astroArgs(root, []), { cwd: root, env: astroEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output: `${Buffer.concat(out).toString('utf8')}\n${Buffer.concat(err).toString('utf8')}` }));
  });
}

/** Runs `astro build` in a child process, as a user would (one at a time: test/helpers/build-lock.ts), with the given environment (and flags such as `--force`). */
export function astroBuild(env: Record<string, string>, root = ROOT, args: readonly string[] = []): BuildResult {
  const r = withBuildLockSync(() =>
    spawnSync(process.execPath, astroArgs(root, args), {
      cwd: root,
      env: astroEnv(env),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}
