import type { APIRoute } from 'astro';
import { indicatorProgress } from '../../data.ts';

/** The scoreboard as data: one row per indicator with its computed status and verdicts. */
export const GET: APIRoute = () => new Response(indicatorProgress().csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
