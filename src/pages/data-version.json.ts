import type { APIRoute } from 'astro';
import { dataVersion } from '../data.ts';

/**
 * The data version this build was made from — `{"version": its first 12 characters, "commit", "day"}`,
 * nulls without history — in one small file every build rewrites. The lists' filtered downloads
 * are named with it (src/scripts/download-rows.ts), so the list pages themselves do not change
 * with every commit and an incremental build keeps those whose rows did not change.
 */
export const GET: APIRoute = async () => {
  const v = await dataVersion();
  const body = { version: v?.short ?? null, commit: v?.commit ?? null, day: v?.day ?? null };
  return new Response(`${JSON.stringify(body)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
