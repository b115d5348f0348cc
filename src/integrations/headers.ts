/** Writes dist/_headers with the site's security headers (see src/lib/csp.ts). */
import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { headersFile } from '../lib/csp.ts';

export default function securityHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'gushan-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(base));
      },
    },
  };
}
