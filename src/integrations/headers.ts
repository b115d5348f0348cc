/** Writes dist/_headers with the site's security headers (see src/lib/publishing/csp.ts). */
import type { AstroIntegration } from 'astro';
import { readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { headersFile } from '../lib/publishing/csp.ts';

export default function securityHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'gushan-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        const entries = (await readdir(out, { withFileTypes: true })).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
        await writeFile(join(out, '_headers'), headersFile(base, entries));
      },
    },
  };
}
