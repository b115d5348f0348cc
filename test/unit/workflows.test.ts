import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';
import { prPath } from '../../scripts/pr-scope.ts';

interface Step {
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
}

const dir = join(ROOT, '.github/workflows');
const workflows = Object.fromEntries(readdirSync(dir).map((f) => [f, parse(readFileSync(join(dir, f), 'utf8')) as Workflow]));
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe('GitHub workflows', () => {
  it('are valid YAML with jobs and steps', () => {
    expect(Object.keys(workflows).sort()).toEqual(['deploy.yml', 'pull-request.yml']);
    for (const [name, w] of Object.entries(workflows)) {
      expect(Object.keys(w.jobs).length, name).toBeGreaterThan(0);
      for (const s of steps(w)) expect(s.uses ?? s.run, name).toBeTruthy();
    }
  });

  it('call only npm scripts that exist', () => {
    for (const w of Object.values(workflows)) {
      for (const s of steps(w)) {
        for (const m of (s.run ?? '').matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(scripts)).toContain(m[1]);
      }
    }
  });

  it('check every pull request with annotated validation on Node 24', () => {
    const pr = workflows['pull-request.yml']!;
    expect(Object.keys(pr.on)).toEqual(['pull_request']);
    const validate = steps(pr).find((s) => s.run === 'npm run validate -- --format github');
    expect(validate).toBeDefined();
    expect(validate?.if).toBeUndefined(); // on both paths
    expect(steps(pr).map((s) => s.run)).toContain('npm ci');
    expect(steps(pr).find((s) => s.uses?.startsWith('actions/setup-node@'))).toMatchObject({ with: { 'node-version': 24 } });
  });

  it('choose the data-only path (validate, build, data-level checks) for data/ and content/ changes, the whole suite otherwise', () => {
    const pr = workflows['pull-request.yml']!;
    const scope = steps(pr).find((s) => s.run?.includes('scripts/pr-scope.ts'));
    expect(scope?.run).toContain('"origin/${{ github.base_ref }}"');
    expect(scope?.run).toContain('$GITHUB_OUTPUT');
    const on = (path: string) =>
      steps(pr)
        .filter((s) => s.if === `steps.scope.outputs.path == '${path}'`)
        .map((s) => s.run);
    expect(on('data')).toEqual(['npm run test:data']); // its global setup builds the site from data/ and content/
    expect(on('full')).toEqual(['sudo apt-get install -y fonts-noto-cjk', 'npm test']);
    // The hosting tests serve the site through nginx on both paths (test/build/hosting.test.ts).
    const nginx = steps(pr).find((s) => s.run?.includes('nginx'));
    expect(nginx?.if).toBeUndefined();
    expect(nginx?.run).toBe('sudo apt-get update && sudo apt-get install -y nginx libnginx-mod-http-brotli-static');
    expect(steps(pr).indexOf(nginx!)).toBeLessThan(steps(pr).findIndex((s) => s.run === 'npm run test:data'));
    expect(scripts['test:data']).toBe('vitest run --project site test/build');
    expect(prPath(['data/problems.csv'])).toBe('data');
    expect(prPath(['data/problems.csv', 'content/plan/gushan-2017.md'])).toBe('data');
    expect(prPath(['data/problems.csv', 'src/lib/validation/validate.ts'])).toBe('full');
    expect(prPath(['.github/workflows/pull-request.yml'])).toBe('full');
    expect(prPath(['database/x.csv'])).toBe('full');
    expect(prPath(['content/pages/about.md'])).toBe('data');
    expect(prPath(['content/pages/methodology.mdx'])).toBe('full'); // MDX compiles to JavaScript: code
    expect(prPath([])).toBe('full');
  });

  it('run the gates in npm test, which the full path runs: the type check of .ts and .astro, lint and format beside the tests', () => {
    // Astro's declarations are written first and copied; the type check reads the copy, as the test builds rewrite .astro/.
    expect(scripts.test).toBe('npm run types:snapshot && run-p --continue-on-error types:check lint format:check test:vitest');
    expect(scripts['types:snapshot']).toBe('astro sync && node scripts/types-snapshot.ts');
    expect(scripts['types:check']).toBe('astro check --noSync --tsconfig tsconfig.check.json');
    expect(JSON.parse(readFileSync(join(ROOT, 'tsconfig.check.json'), 'utf8'))).toMatchObject({
      extends: './tsconfig.json',
      include: ['.astro-check/types.d.ts', '**/*'],
    });
    expect(scripts['test:vitest']).toBe('vitest run');
    // Alone: the three gates side by side (npm-run-all2), each one's output together, all reported even when one fails.
    expect(scripts.gates).toBe('run-p --continue-on-error --aggregate-output --print-label check lint format:check');
    expect(scripts.check).toBe('astro check');
    expect(scripts.lint).toBe('eslint .');
    expect(scripts['format:check']).toBe('prettier --check .');
  });

  it('write the Chinese summary of the record changes to the job summary, on both paths, with the full history', () => {
    const pr = workflows['pull-request.yml']!;
    const diff = steps(pr).find((s) => s.run?.includes('npm run diff'));
    expect(diff?.run).toBe('npm run diff --silent -- --markdown "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"');
    expect(diff?.if).toBeUndefined();
    expect(steps(pr).find((s) => s.uses?.startsWith('actions/checkout@'))).toMatchObject({ with: { 'fetch-depth': 0 } });
    const runs = steps(pr).map((s) => s.run);
    expect(runs.indexOf(diff!.run)).toBeGreaterThan(runs.indexOf('npm ci'));
    expect(scripts.diff).toBe('node src/cli/diff.ts');
  });

  it('pick the path from the files git says changed', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/pr-scope.ts'), 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('path=full'); // nothing differs from HEAD: the safe choice
  });

  it('build with a read-only token; only the deploy job may publish (pages: write, id-token: write)', () => {
    const deploy = workflows['deploy.yml']!;
    expect(deploy.permissions).toEqual({ contents: 'read' });
    expect(deploy.jobs.build?.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(deploy.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    // The job that publishes runs nothing from the repository: no checkout, no npm.
    expect(deploy.jobs.deploy?.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
    // No other workflow holds a write permission.
    for (const [name, w] of Object.entries(workflows)) {
      const grants = [
        w.permissions ?? {},
        ...Object.entries(w.jobs)
          .filter(([job]) => !(name === 'deploy.yml' && job === 'deploy'))
          .map(([, j]) => j.permissions ?? {}),
      ];
      for (const g of grants)
        expect(
          Object.values(g).filter((v) => v !== 'read' && v !== 'none'),
          name,
        ).toEqual([]);
    }
    expect(workflows['pull-request.yml']!.permissions).toEqual({ contents: 'read' });
  });

  it('deploy main to GitHub Pages with the official actions and the project base path', () => {
    const deploy = workflows['deploy.yml']!;
    expect(deploy.on).toMatchObject({ push: { branches: ['main'] } });
    // Daily too: what is overdue changes with the date, and a register nobody updates gets no pushes.
    const schedule = deploy.on.schedule as Array<{ cron: string }>;
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const uses = steps(deploy)
      .map((s) => s.uses?.split('@')[0])
      .filter(Boolean);
    expect(uses).toEqual(
      expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages']),
    );
    const build = steps(deploy).find((s) => s.run === 'npm run build');
    expect(build?.env?.BASE_PATH).toContain('steps.pages.outputs.base_path');
    expect(build?.env?.SITE_URL).toContain('steps.pages.outputs.origin');
    // An incremental build: the history's diff cache, Astro's cache and the output survive from one
    // deployment to the next in one cache entry (npm ci empties node_modules), so they always belong together.
    expect(build?.env?.INCREMENTAL_BUILD).toBe('1');
    // As the suite's builds and the bench's: the bundler's allocator asks for no huge pages.
    expect(build?.env?.MIMALLOC_ALLOW_THP).toBe('0');
    const caches = steps(deploy).filter((s) => s.uses?.startsWith('actions/cache@')) as Array<Step & { with?: Record<string, string> }>;
    expect(caches).toHaveLength(1);
    const cache = caches[0]!;
    const upload = steps(deploy).find((s) => s.uses?.startsWith('actions/upload-pages-artifact@')) as Step & { with?: Record<string, string> };
    const paths = cache.with!.path!.trim().split('\n');
    expect(paths.sort()).toEqual([build!.env!.HISTORY_CACHE_DIR, build!.env!.ASTRO_CACHE_DIR, upload.with!.path].sort());
    // A new entry every run (an entry is never overwritten), restored from the newest.
    expect(cache.with!.key).toContain('github.run_id');
    expect(cache.with!['restore-keys']).toBe(cache.with!.key!.split('$')[0]);
    expect(steps(deploy).indexOf(cache)).toBeLessThan(steps(deploy).indexOf(build!));
  });
});
