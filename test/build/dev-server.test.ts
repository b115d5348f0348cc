import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../helpers/build.ts';
import { acquireBuildLock } from '../helpers/build-lock.ts';
import { BUILD_DATE, FIXTURE, OUTPUT, ROOT } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE } from '../helpers/sites.ts';
import { freePort } from '../../scripts/bench-dev.ts';

/** Asks `url` every 250 ms until `ok` holds for its body or `ms` have passed; returns the last body. */
async function poll(url: string, ok: (body: string) => boolean, ms: number): Promise<string> {
  const until = Date.now() + ms;
  let body = '';
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      body = await r.text();
      if (r.ok && ok(body)) return body;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return body;
}

/** Replaces the one occurrence of `find` in a file. */
function replaceOnce(file: string, find: string, by: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.split(find).length - 1, `${find} in ${file}`).toBe(1);
  writeFileSync(file, text.replace(find, by));
}

// An editor previews a CSV edit with `npm run dev`: the record pages must show the edited row
// on the next reload. They get their rows through getStaticPaths(), which Astro's dev server kept
// until a source module changed, so they went on showing the old values.
describe('the dev server after an edit to a CSV file', () => {
  const dir = join(OUTPUT, 'dev-fixture');
  const dataDir = join(dir, 'data');
  let server: ChildProcess | undefined;
  let origin = '';
  let log = '';
  let unlock: (() => void) | undefined;
  const enterprise = csvRows(FIXTURE_SITE, 'enterprises')[0]!;
  const problem = csvRows(FIXTURE_SITE, 'problems')[0]!;

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(FIXTURE, dir, { recursive: true });
    // The dev server writes .astro/ as a build does: no build of another test file meanwhile.
    unlock = await acquireBuildLock();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        DATA_DIR: dataDir,
        CONTENT_DIR: join(dir, 'content'),
        BUILD_DATE,
        BASE_PATH: '/',
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    server.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    const home = await poll(`${origin}/`, (b) => b.includes('<html'), 120_000);
    expect(home, log).toContain('<html');
  });

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      process.kill(-server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    unlock?.();
  });

  // A build writes these files itself (src/build/downloads.ts); the dev server serves them from the same pieces. (Not
  // data/<table>.csv: Vite answers that address with the project's own data/ file, which DATA_DIR is by default.)
  it('serves the tables’ and rating periods’ downloads from DATA_DIR', async () => {
    const excel = await fetch(`${origin}/data/enterprises-excel.csv`);
    expect(excel.status, log).toBe(200);
    expect(excel.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Read as bytes: text() drops the byte-order mark Excel needs.
    const excelBytes = Buffer.from(await excel.arrayBuffer());
    expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excelText = excelBytes.toString('utf8');
    expect(excelText).toContain(`"=""${enterprise.uscc}"""`);
    const json = (await (await fetch(`${origin}/data/problems.json`)).json()) as { id: string }[];
    expect(json.map((r) => r.id)).toEqual(csvRows(FIXTURE_SITE, 'problems').map((r) => r.id));
    const period = csvRows(FIXTURE_SITE, 'credit-ratings')[0]!.period!;
    const periodCsv = await (await fetch(`${origin}/credit/period/${period}.csv`)).text();
    expect(periodCsv.split('\n')[0]).toMatch(/^period,uscc,name,/);
    expect(periodCsv).toContain(`${period},`);
    const periodExcel = Buffer.from(await (await fetch(`${origin}/credit/period/${period}-excel.csv`)).arrayBuffer()).toString('utf8');
    expect(periodExcel.startsWith('\uFEFFperiod,uscc,')).toBe(true);
  });

  it('shows an enterprise’s new name and a problem’s new title on their own pages', async () => {
    const enterpriseUrl = `${origin}/credit/${enterprise.uscc}/`;
    const problemUrl = `${origin}/problems/${problem.id}/`;
    expect(await poll(enterpriseUrl, (b) => b.includes(enterprise.name!), 60_000), log).toContain(`<h1>${enterprise.name}</h1>`);
    expect(await poll(problemUrl, (b) => b.includes(problem.title!), 60_000), log).toContain(problem.title);

    replaceOnce(join(dataDir, 'enterprises.csv'), enterprise.name!, `${enterprise.name}更名`);
    replaceOnce(join(dataDir, 'problems.csv'), problem.title!, `${problem.title}（已更正）`);

    const renamed = await poll(enterpriseUrl, (b) => b.includes(`${enterprise.name}更名`), 60_000);
    expect(renamed, log).toContain(`<h1>${enterprise.name}更名</h1>`);
    const retitled = await poll(problemUrl, (b) => b.includes(`${problem.title}（已更正）`), 60_000);
    expect(retitled, log).toContain(`${problem.title}（已更正）`);
    // The files are checked a moment after the last save (a save empties a file before writing it).
    const until = Date.now() + 30_000;
    while (!log.includes('数据已更新') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain('数据已更新');
  });
});
