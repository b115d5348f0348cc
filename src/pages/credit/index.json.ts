import type { APIRoute } from 'astro';
import { creditIndex } from '../../data.ts';

/** The compact index the enterprise list filters fetch on first use. */
export const GET: APIRoute = () => new Response(JSON.stringify(creditIndex()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
