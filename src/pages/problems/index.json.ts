import type { APIRoute } from 'astro';
import { rows } from '../../collections.ts';
import { problemIndex } from '../../lib/problem-index.ts';
import { buildDate } from '../../lib/site.ts';

/** The compact index the register's filters fetch on first use. */
export const GET: APIRoute = async () => {
  const villages = new Map((await rows('villages')).map((v) => [v.id, v.name]));
  const index = problemIndex(await rows('problems'), villages, buildDate());
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
