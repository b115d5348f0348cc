/**
 * A tiny static file server for tests: serves a built site under its base path on
 * 127.0.0.1, the way a static host would (directory index, 404 page).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export interface RunningServer {
  origin: string;
  /** Origin plus base path, ending in "/". */
  root: string;
  close(): Promise<void>;
}

async function fileAt(dir: string, rel: string): Promise<string | undefined> {
  const path = normalize(join(dir, rel));
  if (!path.startsWith(normalize(dir))) return undefined;
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export async function serveStatic(dir: string, base = '/'): Promise<RunningServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const pathname = decodeURIComponent(url.pathname);
    let file: string | undefined;
    if (pathname.startsWith(prefix)) file = await fileAt(dir, pathname.slice(prefix.length));
    if (
      pathname.startsWith(prefix) &&
      file &&
      (await stat(file)).isDirectory() === false &&
      !pathname.endsWith('/') &&
      file.endsWith('index.html') &&
      !pathname.endsWith('index.html')
    ) {
      res.writeHead(301, { Location: `${pathname}/` });
      res.end();
      return;
    }
    if (!file) {
      const notFound = await fileAt(dir, '404.html');
      res.writeHead(404, { 'Content-Type': TYPES['.html'] ?? 'text/html' });
      res.end(notFound ? await readFile(notFound) : 'Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: origin + prefix,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
