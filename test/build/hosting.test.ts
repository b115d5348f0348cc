/**
 * Hosting: the fixture site served by a real nginx with the configuration the build wrote, and
 * by `npm start`'s Node server, compared with each other and with `_headers`; the compressed
 * copies the build wrote; the embed page framable by another site and nothing else.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_FILES, contentTypeOf } from '../../src/build/hosting/rules.ts';
import { MANIFEST, MIN_COMPRESS_BYTES, compressOutput, compressible } from '../../src/build/hosting/compress.ts';
import { findNginx, startNginx, type RunningNginx } from '../../src/build/hosting/nginx-run.ts';
import { serveSite, type RunningSite } from '../../src/build/hosting/serve.ts';
import { browserAvailability } from '../helpers/browser.ts';
import { testBrowser } from '../helpers/site-browser.ts';
import { listFiles } from '../helpers/html.ts';
import { OUTPUT, ROOT, SITE_BASE } from '../helpers/paths.ts';
import { FIXTURE_SITE } from '../helpers/sites.ts';

const MISSING_NGINX = '没有找到 nginx，nginx 测试已跳过。安装方法：apt-get install -y nginx libnginx-mod-http-brotli-static。';
function nginxAvailability(): boolean {
  if (findNginx()) return true;
  if (process.env.CI) throw new Error(`CI 环境必须有 nginx：${MISSING_NGINX}`);
  console.warn(MISSING_NGINX);
  return false;
}
const hasNginx = nginxAvailability();
const browser = browserAvailability();
const dir = FIXTURE_SITE.dir;
const files = listFiles(dir);

/** One address of each kind of file the site publishes, under the base path. */
function pageTypes(): string[] {
  const pick = (re: RegExp) => {
    const f = files.find((x) => re.test(x));
    if (!f) throw new Error(`the fixture site has no file like ${re}`);
    return SITE_BASE + f.replace(/index\.html$/, '');
  };
  return [
    SITE_BASE,
    pick(/^plan\/[^/]+\/index\.html$/),
    pick(/^plan\/[^/]+\.md$/),
    pick(/^indicators\/[^/]+\/index\.html$/),
    pick(/^indicators\/[^/]+\/chart\.svg$/),
    pick(/^indicators\/[^/]+-excel\.csv$/),
    pick(/^embed\/indicators\/[^/]+\/index\.html$/),
    pick(/^problems\/[A-Z][^/]+\/index\.html$/),
    pick(/^problems\/index\.json$/),
    pick(/^credit\/\d[^/]+\/index\.html$/),
    pick(/^credit\/period\/[^/]+\.csv$/),
    pick(/^villages\/[^/]+\/notice\/index\.html$/),
    `${SITE_BASE}data/`,
    `${SITE_BASE}data/problems.csv`,
    `${SITE_BASE}data/datapackage.json`,
    `${SITE_BASE}feed.xml`,
    `${SITE_BASE}sitemap-index.xml`,
    `${SITE_BASE}favicon.svg`,
    pick(/^_astro\/[^/]+\.css$/),
    pick(/^_astro\/[^/]+\.js$/),
    `${SITE_BASE}pagefind/pagefind.js`,
    pick(/^pagefind\/pagefind\.[^/]+\.pf_meta$/),
    pick(/^pagefind\/fragment\/[^/]+\.pf_fragment$/),
    // Not found: a missing page, a folder without its index, a host file, outside the base path.
    `${SITE_BASE}no-such-page/`,
    `${SITE_BASE}_astro/`,
    ...HOST_FILES.map((f) => SITE_BASE + f),
    '/elsewhere/',
    // A folder without its slash: redirected.
    `${SITE_BASE}indicators`,
  ];
}

/** The headers `_headers` gives a path, as Netlify and Cloudflare Pages apply it (every matching rule, joined). */
function headersFileFor(path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of readFileSync(join(dir, '_headers'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) {
      current = line;
      continue;
    }
    const re = new RegExp(`^${current!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (!re.test(path)) continue;
    const [k, ...v] = line.trim().split(':');
    out.set(k!.toLowerCase(), [...(out.get(k!.toLowerCase()) ?? []), v.join(':').trim()]);
  }
  return out;
}

const COMPARED = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cache-control',
  'content-type',
  'content-encoding',
  'vary',
  'location',
];

/** A GET as a client sends it, the body as it came (fetch would decompress it). */
function get(root: string, path: string, encoding = 'identity'): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(new URL(path, root), { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = Object.fromEntries(COMPARED.flatMap((k) => (typeof res.headers[k] === 'string' ? [[k, res.headers[k]]] : [])));
        ok({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the compressed copies the build wrote', () => {
  const manifest = (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: Record<string, { hash: string; size: number; mtimeNs: string }> }).files;

  it('sit beside every text file worth compressing, and give back its bytes exactly', () => {
    const text = files.filter((f) => compressible(f) && readFileSync(join(dir, f)).length >= MIN_COMPRESS_BYTES);
    expect(text.length).toBeGreaterThan(100);
    expect(Object.keys(manifest).sort()).toEqual(text.sort());
    for (const f of text) {
      const body = readFileSync(join(dir, f));
      expect(gunzipSync(readFileSync(join(dir, `${f}.gz`))).equals(body), f).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(dir, `${f}.br`))).equals(body), f).toBe(true);
    }
  });

  it('are not made for Pagefind’s compressed index, small files or the host’s files', () => {
    const copies = files.filter((f) => /\.(gz|br)$/.test(f)).map((f) => f.replace(/\.(gz|br)$/, ''));
    expect(copies.filter((f) => /\.(pf_\w+|pagefind)$/.test(f))).toEqual([]);
    expect(copies.filter((f) => HOST_FILES.some((h) => f === h))).toEqual([]);
    expect(copies.filter((f) => readFileSync(join(dir, f)).length < MIN_COMPRESS_BYTES)).toEqual([]);
  });

  it('are made again for exactly the files that changed, and removed with their file', async () => {
    const copy = join(OUTPUT, 'hosting-compress');
    rmSync(copy, { recursive: true, force: true });
    cpSync(dir, copy, { recursive: true });
    const page = Object.keys(manifest).find((f) => f.startsWith('problems/') && f.endsWith('index.html'))!;
    const gone = Object.keys(manifest).find((f) => f.startsWith('villages/') && f.endsWith('index.html'))!;
    // A page rendered again with a value withdrawn, and a page removed.
    const changed = readFileSync(join(copy, page), 'utf8').replace('</main>', `${'<p>已隐去</p>'.repeat(50)}</main>`);
    writeFileSync(join(copy, page), changed);
    rmSync(join(copy, gone));
    const r = await compressOutput(copy);
    expect(r.compressed).toEqual([page]);
    expect(r.kept).toBe(Object.keys(manifest).length - 2);
    expect(r.removed.sort()).toEqual([`${gone}.br`, `${gone}.gz`]);
    expect(gunzipSync(readFileSync(join(copy, `${page}.gz`))).toString()).toBe(changed);
    expect(brotliDecompressSync(readFileSync(join(copy, `${page}.br`))).toString()).toBe(changed);
    // A copy left stale by any other means (the manifest says it is current) is still found.
    writeFileSync(join(copy, page), `${changed}\n`);
    expect((await compressOutput(copy)).compressed).toEqual([page]);
    expect((await compressOutput(copy)).compressed).toEqual([]);
    rmSync(copy, { recursive: true, force: true });
  });

  it('read again only the files whose size or modification time changed', async () => {
    const copy = join(OUTPUT, 'hosting-trust');
    rmSync(copy, { recursive: true, force: true });
    cpSync(dir, copy, { recursive: true });
    expect((await compressOutput(copy)).kept).toBe(Object.keys(manifest).length);
    const page = Object.keys(manifest).find((f) => f.startsWith('problems/') && f.endsWith('index.html'))!;
    const path = join(copy, page);
    const body = readFileSync(path, 'utf8');
    // A time of whole seconds, which utimes can put back exactly; the content is unchanged, so it is hashed and kept.
    const when = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, when, when);
    expect((await compressOutput(copy)).compressed).toEqual([]);
    // Same size, another content, the old time put back: the manifest's record is trusted, the file is not read.
    const swapped = body.replace('<main', '<MAIN');
    expect(swapped).not.toBe(body);
    writeFileSync(path, swapped);
    utimesSync(path, when, when);
    expect((await compressOutput(copy)).compressed).toEqual([]);
    // The same content written again (a new time): hashed, found equal, not compressed again.
    writeFileSync(path, body);
    const same = await compressOutput(copy);
    expect(same.compressed).toEqual([]);
    expect(same.kept).toBe(Object.keys(manifest).length);
    // Another content under a new time: compressed again.
    writeFileSync(path, swapped);
    expect((await compressOutput(copy)).compressed).toEqual([page]);
    expect(gunzipSync(readFileSync(`${path}.gz`)).toString()).toBe(swapped);
    // A manifest of the earlier format (hash only) costs a hash of every file, not a wrong copy.
    writeFileSync(join(copy, MANIFEST), JSON.stringify(Object.fromEntries(Object.entries(manifest).map(([k, v]) => [k, v.hash]))));
    writeFileSync(path, body);
    const old = await compressOutput(copy);
    expect(old.compressed.sort()).toEqual(Object.keys(manifest).sort());
    rmSync(copy, { recursive: true, force: true });
  });
});

describe.skipIf(!hasNginx)('served by nginx with the configuration the build wrote', () => {
  let nginx: RunningNginx;
  let node: RunningSite;
  beforeAll(async () => {
    nginx = await startNginx({ dir, base: SITE_BASE });
    node = await serveSite({ dir, base: SITE_BASE, brotli: nginx.brotli });
  });
  afterAll(async () => {
    await nginx?.close();
    await node?.close();
  });

  it('sends each kind of page the headers of _headers, and npm start’s server sends the same', async () => {
    for (const path of pageTypes()) {
      const a = await get(nginx.origin, path);
      const b = await get(node.origin, path);
      expect({ path, status: b.status, headers: b.headers }).toEqual({ path, status: a.status, headers: a.headers });
      if (a.status === 301) continue; // a host that reads _headers makes its own redirects
      const expected = headersFileFor(path);
      for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'cache-control']) {
        // A missing page gets the headers of the 404 page, which _headers gives the base path's rule.
        const rule = a.status === 404 ? headersFileFor(`${SITE_BASE}404.html`) : expected;
        expect([path, name, a.headers[name]], nginx.log()).toEqual([path, name, rule.get(name)?.join(', ')]);
      }
      if (a.status === 200) {
        const file = path.endsWith('/') ? `${path.slice(SITE_BASE.length)}index.html` : path.slice(SITE_BASE.length);
        expect([path, a.headers['content-type']]).toEqual([path, contentTypeOf(file)]);
        expect(a.body.equals(readFileSync(join(dir, file))), path).toBe(true);
        if (path.endsWith('.csv')) expect(expected.get('content-type')).toEqual(['text/csv; charset=utf-8']);
      }
    }
  });

  it('answers a missing page with the 404 page and status, and a folder without its slash with a redirect', async () => {
    const missing = await get(nginx.origin, `${SITE_BASE}no-such-page/`);
    expect(missing.status).toBe(404);
    expect(missing.body.equals(readFileSync(join(dir, '404.html')))).toBe(true);
    for (const f of HOST_FILES) {
      // Also by an address with a doubled slash, which resolves to the same file.
      for (const path of [SITE_BASE + f, `${SITE_BASE}/${f}`]) {
        expect((await get(nginx.origin, path)).status, path).toBe(404);
        expect((await get(node.origin, path)).status, path).toBe(404);
      }
    }
    const folder = await get(nginx.origin, `${SITE_BASE}indicators`);
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe(`${SITE_BASE}indicators/`);
  });

  it('sends the compressed copies to clients that ask, byte-identical once decompressed', async () => {
    for (const path of [SITE_BASE, `${SITE_BASE}data/problems.csv`, `${SITE_BASE}pagefind/pagefind.js`]) {
      const file = join(dir, path.endsWith('/') ? `${path.slice(SITE_BASE.length)}index.html` : path.slice(SITE_BASE.length));
      const plain = await get(nginx.origin, path);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      const gz = await get(nginx.origin, path, 'gzip');
      expect(gz.headers['content-encoding'], path).toBe('gzip');
      expect(gz.headers.vary, path).toBe('Accept-Encoding');
      expect(gunzipSync(gz.body).equals(readFileSync(file)), path).toBe(true);
      expect(gz.body.length).toBeLessThan(plain.body.length);
      if (nginx.brotli) {
        const br = await get(nginx.origin, path, 'gzip, deflate, br');
        expect(br.headers['content-encoding'], path).toBe('br');
        expect(brotliDecompressSync(br.body).equals(readFileSync(file)), path).toBe(true);
      }
    }
    // Pagefind's files are compressed already: sent as they are.
    const meta = files.find((f) => f.endsWith('.pf_meta'))!;
    expect((await get(nginx.origin, SITE_BASE + meta, 'gzip, br')).headers['content-encoding']).toBeUndefined();
    if (process.env.CI) expect(nginx.brotli, 'CI installs the brotli module with nginx').toBe(true);
  });

  it.skipIf(browser.skip)('lets another site frame the embed page and nothing else, with no CSP violation', async () => {
    const chromium = await testBrowser();
    // Another origin (localhost, not 127.0.0.1) that frames an embed page and an indicator page.
    const embed = pageTypes().find((p) => p.includes('/embed/'))!;
    const indicator = embed.replace('/embed/', '/');
    const port = new URL(nginx.origin).port;
    const framing = `<!doctype html><title>x</title><iframe src="http://127.0.0.1:${port}${embed}"></iframe><iframe src="http://127.0.0.1:${port}${indicator}"></iframe>`;
    const other = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(framing));
    await new Promise<void>((ok) => other.listen(0, 'localhost', ok));
    const host = { root: `http://localhost:${(other.address() as AddressInfo).port}/`, close: () => new Promise((ok) => other.close(ok)) };
    try {
      const page = await chromium.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${host.root}`);
      await page.waitForLoadState('load');
      const frames = page.frames();
      const embedFrame = frames.find((f) => f.url().includes('/embed/'));
      expect(embedFrame, violations.join('\n')).toBeDefined();
      expect(await embedFrame!.locator('body').innerText()).toContain('数据来源');
      const blocked = violations.filter((v) => v.includes('frame-ancestors'));
      expect(blocked.length, violations.join('\n')).toBeGreaterThan(0);
      expect(
        blocked.every((v) => !v.includes('/embed/')),
        blocked.join('\n'),
      ).toBe(true);
      // The site's own pages, served by nginx with its headers, run without any CSP violation.
      const own = await chromium.newPage();
      const ownViolations: string[] = [];
      own.on('console', (m) => {
        if (/Content Security Policy|Refused/.test(m.text())) ownViolations.push(m.text());
      });
      for (const p of [SITE_BASE, indicator, embed, `${SITE_BASE}search/?q=%E6%B2%B3`]) {
        await own.goto(nginx.origin + p);
        await own.waitForLoadState('networkidle');
      }
      expect(ownViolations).toEqual([]);
    } finally {
      await host.close();
      await chromium.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

describe('npm start', () => {
  /** Runs src/cli/serve.ts on the fixture site and returns what it printed once it serves. */
  async function start(args: string[]) {
    const child = spawn(process.execPath, [join(ROOT, 'src/cli/serve.ts'), ...args], { cwd: ROOT, env: { ...process.env, OUT_DIR: dir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 200 && !/http:\/\/\S+/.test(out) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    return { child, out, root: /http:\/\/\S+/.exec(out)?.[0] };
  }

  for (const [name, args] of [
    ['through nginx where it is installed', []],
    ['through the Node server otherwise', ['--node']],
  ] as const) {
    it.skipIf(name.includes('nginx') && !hasNginx)(`serves the built site ${name}, at its base path, with the site’s headers`, async () => {
      const port = String(await freePort());
      const s = await start([...args, '--port', port]);
      try {
        expect(s.root, s.out).toBe(`http://127.0.0.1:${port}${SITE_BASE}`);
        expect(s.out).toContain(args.length ? 'Node 服务器' : 'nginx');
        const r = await get(s.root!, s.root!, 'gzip');
        expect(r.status).toBe(200);
        expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
        expect(r.headers['content-encoding']).toBe('gzip');
      } finally {
        s.child.kill('SIGTERM');
        await new Promise((r) => s.child.once('exit', r));
      }
    });
  }

  it('says what to do when there is no built site', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'src/cli/serve.ts'), '--node'], {
      cwd: ROOT,
      env: { ...process.env, OUT_DIR: join(OUTPUT, 'no-site-here') },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('中没有构建好的网站，请先运行 npm run build。');
    expect(existsSync(join(OUTPUT, 'no-site-here'))).toBe(false);
  });
});
