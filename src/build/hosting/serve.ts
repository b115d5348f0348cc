/**
 * A small static server for a built site that applies the same rules as nginx
 * (src/build/hosting/rules.ts): `npm start` uses it where nginx is not installed, so a
 * developer sees what readers get — the CSP and framing rules, the cache headers, the 404
 * page and the compressed copies. Tests compare what it sends with nginx and `_headers`.
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { HOST_FILES, contentTypeOf, headerRules, ruleFor, type HeaderRule } from './rules.ts';
import { compressible } from './compress.ts';
import { entriesOf } from './entries.ts';

export interface ServeOptions {
  dir: string;
  base: string;
  port?: number;
  host?: string;
  /** Send the .br copies to clients that take brotli, as nginx does with its brotli module. */
  brotli?: boolean;
}

export interface RunningSite {
  origin: string;
  /** The origin and the base path, ending in "/". */
  root: string;
  close(): Promise<void>;
}

async function fileStat(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** The encodings a request accepts (q=0 refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q === undefined || Number(q) > 0) out.add(name);
  }
  return out;
}

export async function serveSite(options: ServeOptions): Promise<RunningSite> {
  const dir = resolve(options.dir);
  const root = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const rules: HeaderRule[] = headerRules(root, entriesOf(dir));
  const hidden = new Set(HOST_FILES.map((f) => join(dir, f)));

  const send = async (req: IncomingMessage, res: ServerResponse, file: string, pathname: string, status: number) => {
    const rule = ruleFor(rules, pathname);
    const headers: Record<string, string> = { 'Content-Type': contentTypeOf(file) };
    for (const [k, v] of rule.headers) headers[k] = v;
    let body = file;
    const rel = file
      .slice(dir.length + 1)
      .split(sep)
      .join('/');
    if (compressible(rel)) {
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      const choices = [...(options.brotli ? [['br', '.br'] as const] : []), ['gzip', '.gz'] as const];
      for (const [encoding, ext] of choices) {
        if (!accepted.has(encoding) || !(await fileStat(file + ext))?.isFile()) continue;
        body = file + ext;
        headers['Content-Encoding'] = encoding;
        break;
      }
      if (headers['Content-Encoding'] || (await fileStat(`${file}.gz`))) headers.Vary = 'Accept-Encoding';
    }
    const s = (await fileStat(body))!;
    headers['Last-Modified'] = s.mtime.toUTCString();
    const since = req.headers['if-modified-since'];
    if (status === 200 && since && Math.floor(s.mtimeMs / 1000) <= Math.floor(Date.parse(since) / 1000)) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['Content-Length'] = String(s.size);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).pipe(res);
  };

  const notFound = async (req: IncomingMessage, res: ServerResponse) => {
    const page = join(dir, '404.html');
    if ((await fileStat(page))?.isFile()) return send(req, res, page, `${root}404.html`, 404);
    const headers: Record<string, string> = { 'Content-Type': contentTypeOf('x.txt') };
    for (const [k, v] of rules[0]!.headers) headers[k] = v;
    res.writeHead(404, headers).end('Not found\n');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!pathname.startsWith(root) || pathname.includes('\0')) return notFound(req, res);
    const path = resolve(dir, `.${pathname.slice(root.length - 1)}`);
    // Nothing outside the site's folder and no host file, whatever the address says (`//_headers` too).
    if ((path !== dir && !path.startsWith(dir + sep)) || hidden.has(path)) return notFound(req, res);
    const s = await fileStat(path);
    if (s?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Relative, like nginx with absolute_redirect off: the host and port the reader used.
        const headers: Record<string, string> = { Location: `${url.pathname}/${url.search}`, 'Content-Type': 'text/html' };
        for (const [k, v] of ruleFor(rules, pathname).headers) headers[k] = v;
        res.writeHead(301, headers).end('<html><body>301 Moved Permanently</body></html>\n');
        return;
      }
      const index = join(path, 'index.html');
      if ((await fileStat(index))?.isFile()) return send(req, res, index, pathname, 200);
      return notFound(req, res);
    }
    if (s?.isFile() && !pathname.endsWith('/')) return send(req, res, path, pathname, 200);
    return notFound(req, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    origin,
    root: origin + root,
    close: () => new Promise<void>((ok, fail) => server.close((e) => (e ? fail(e) : ok()))),
  };
}
