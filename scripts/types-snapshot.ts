/**
 * Copies the type declarations `astro sync` wrote in `.astro/` to `.astro-check/`, for the type
 * check that `npm test` runs beside the tests (`npm run types:check`, tsconfig.check.json). The
 * test builds rewrite `.astro/` while they run, with the content of their own fixtures; the type
 * check reads the copy, so it never sees a file a build is halfway through writing.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const from = '.astro';
const to = '.astro-check';
if (!existsSync(join(from, 'types.d.ts'))) {
  console.error(`${from}/types.d.ts 不存在：请先运行 astro sync`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
mkdirSync(to);
// Same depth as .astro/, so the relative imports inside the declarations still point at src/.
for (const f of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
  if (f.endsWith('.d.ts')) cpSync(join(from, f), join(to, f));
}
