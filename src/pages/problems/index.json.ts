import type { APIRoute } from 'astro';
import { problemIndex } from '../../data.ts';

/** The compact index the register's filters fetch on first use. */
export const GET: APIRoute = () => new Response(JSON.stringify(problemIndex()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
