/**
 * Serves a built site under its base path on 127.0.0.1 the way readers get it: through a real
 * nginx with the configuration the build wrote (`_nginx.conf`) when nginx is installed, else
 * through `npm start`'s Node server, which applies the same rules (src/build/hosting/). So the
 * browser tests run under the site's real headers — CSP, framing, caching, compression.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtBase } from '../../src/build/hosting/host-files.ts';
import { findNginx, startNginx } from '../../src/build/hosting/nginx-run.ts';
import { serveSite } from '../../src/build/hosting/serve.ts';

export interface RunningServer {
  origin: string;
  /** Origin plus base path, ending in "/". */
  root: string;
  close(): Promise<void>;
}

const nginx = findNginx();

export async function serveStatic(dir: string, base = '/'): Promise<RunningServer> {
  const root = base.endsWith('/') ? base : `${base}/`;
  // nginx needs the configuration the build wrote for this base path; a folder served under
  // another base (or no built site) goes through the Node server, which derives the same rules.
  if (nginx && existsSync(join(dir, '_nginx.conf')) && builtBase(dir) === root) return startNginx({ dir, base: root, program: nginx });
  return serveSite({ dir, base: root, brotli: true });
}
