/**
 * Runs a real nginx on a built site with the configuration the build wrote (`_nginx.conf`), as a
 * normal process with a folder of its own for its configuration, temporary files and log:
 * `npm start` uses it where nginx is installed, and so do the tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { RunningSite } from './serve.ts';

/** The nginx program on PATH (or NGINX), if there is one that runs. */
export function findNginx(): string | undefined {
  const program = process.env.NGINX || 'nginx';
  const r = spawnSync(program, ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? program : undefined;
}

/** Where nginx keeps its dynamic modules (`--modules-path`), from `nginx -V`. */
function modulesPath(program: string): string | undefined {
  const r = spawnSync(program, ['-V'], { encoding: 'utf8' });
  return /--modules-path=(\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1];
}

/** The brotli static module's file, if this nginx has one to load. */
export function brotliModule(program: string): string | undefined {
  const dir = modulesPath(program);
  const file = dir && join(dir, 'ngx_http_brotli_static_module.so');
  return file && existsSync(file) ? file : undefined;
}

/** A free TCP port on 127.0.0.1 (free when asked; nginx takes it right after). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => ok(false));
  });
}

export interface NginxOptions {
  dir: string;
  base: string;
  port?: number;
  program?: string;
  /** Load the brotli static module and send .br copies (default: when this nginx has the module). */
  brotli?: boolean;
}

export interface RunningNginx extends RunningSite {
  brotli: boolean;
  /** nginx's error log so far. */
  log(): string;
}

/** The main configuration: one server on 127.0.0.1 whose root holds the site at its base path. */
export function mainConf(o: { prefix: string; root: string; site: string; port: number; brotliModule?: string | undefined }): string {
  const temp = (name: string) => `${name}_temp_path ${join(o.prefix, name)};`;
  return [
    ...(o.brotliModule ? [`load_module ${o.brotliModule};`] : []),
    'daemon off;',
    'master_process off;',
    `pid ${join(o.prefix, 'nginx.pid')};`,
    `error_log ${join(o.prefix, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `  ${temp(n)}`),
    '  server {',
    `    listen 127.0.0.1:${o.port};`,
    `    root ${o.root};`,
    `    include ${join(o.site, '_nginx.conf')};`,
    ...(o.brotliModule ? [`    include ${join(o.site, '_nginx-brotli.conf')};`] : []),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Starts nginx on the built site in `dir`; resolves once it accepts connections. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const program = options.program ?? findNginx();
  if (!program) throw new Error('nginx is not installed');
  const site = resolve(options.dir);
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const prefix = mkdtempSync(join(tmpdir(), 'gushan-nginx-'));
  // The root holds the site at its base path: the site itself for "/", else a link named by the base.
  let root = site;
  if (base !== '/') {
    root = join(prefix, 'root');
    const at = join(root, base.slice(1, -1));
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(site, at, 'dir');
  }
  const module = options.brotli === false ? undefined : brotliModule(program);
  if (options.brotli === true && !module) throw new Error('this nginx has no brotli static module');
  const port = options.port ?? (await freePort());
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, mainConf({ prefix, root, site, port, brotliModule: module }));
  const errorLog = join(prefix, 'error.log');
  const child: ChildProcess = spawn(program, ['-p', prefix, '-e', errorLog, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const log = () => stderr + (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx stopped:\n${log()}`);
    if (await portOpen(port)) break;
    if (i > 200) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start:\n${log()}`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: origin + base,
    brotli: module !== undefined,
    log,
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
