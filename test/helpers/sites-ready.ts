/**
 * The wait of every site file (test/helpers/wait-for-sites.ts, the site project's setup file)
 * until test/global-setup.ts has built the fixture sites (it builds them while the unit files
 * run); a failed build fails the file with the build's output. Apart from the setup file so that
 * a unit test can import it without waiting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT } from './paths.ts';

/** Written by the global setup once both sites are built (or one failed). */
export const SITES_READY = join(OUTPUT, 'sites-ready.json');

export async function sitesReady(marker = SITES_READY): Promise<void> {
  // Builds take seconds; a run that waits ten minutes is stuck, and says so.
  for (let waited = 0; !existsSync(marker); waited += 200) {
    if (waited > 600_000) throw new Error(`the fixture sites were not built within ten minutes (${marker} missing)`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = JSON.parse(readFileSync(marker, 'utf8')) as { ok: boolean; error?: string };
  if (!state.ok) throw new Error(state.error);
}
