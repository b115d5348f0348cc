import type { APIRoute } from 'astro';
import { rows } from '../../collections.ts';
import { creditIndex } from '../../lib/credit.ts';

/** The compact index the enterprise list filters fetch on first use. */
export const GET: APIRoute = async () => {
  const villages = new Map((await rows('villages')).map((v) => [v.id, v.name]));
  const index = creditIndex(await rows('enterprises'), await rows('credit-ratings'), villages);
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
