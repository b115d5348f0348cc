/**
 * How long an editor waits to see a one-row edit: the dev server (`npm run dev`) is started on a
 * data set, an enterprise page is opened, the enterprise's name is changed in its CSV file, and
 * the page is asked for again until it shows the new name. Reports the server's start (to the
 * first page) and the wait from saving the file to the page showing the edit.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Papa from 'papaparse';

export interface DevBench {
  /** From starting `astro dev` to the first enterprise page served. */
  startSeconds: number;
  /** From saving the edited CSV file to the page showing the new name. */
  editSeconds: number;
}

/** A free TCP port on this machine (also used by test/build/dev-server.test.ts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, text: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok && (await r.text()).includes(text)) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Runs the dev server of the project at `root` on `dataRoot` (data/ and content/); edits its enterprises.csv. */
export async function benchDev(root: string, dataRoot: string): Promise<DevBench> {
  const file = join(dataRoot, 'data', 'enterprises.csv');
  const text = readFileSync(file, 'utf8');
  const first = Papa.parse<Record<string, string>>(text, { header: true, preview: 1 }).data[0]!;
  const port = await freePort();
  const started = performance.now();
  const server = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: join(dataRoot, 'data'),
      CONTENT_DIR: join(dataRoot, 'content'),
      BUILD_DATE: '2026-01-15',
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    const url = `http://127.0.0.1:${port}/credit/${first.uscc}/`;
    if (!(await waitFor(url, `<h1>${first.name}</h1>`, 300_000))) throw new Error('the dev server did not serve the enterprise page');
    const startSeconds = (performance.now() - started) / 1000;
    const renamed = `${first.name}（更名）`;
    writeFileSync(file, text.replace(`,${first.name},`, `,${renamed},`));
    const saved = performance.now();
    if (!(await waitFor(url, `<h1>${renamed}</h1>`, 120_000))) throw new Error('the edited name did not show on the enterprise page');
    return { startSeconds, editSeconds: (performance.now() - saved) / 1000 };
  } finally {
    writeFileSync(file, text);
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}
