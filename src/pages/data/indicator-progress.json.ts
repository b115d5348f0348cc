import type { APIRoute } from 'astro';
import { indicatorProgress } from '../../data.ts';
import { toJsonRecords } from '../../lib/publishing/downloads.ts';
import { PROGRESS_COLUMNS } from '../../lib/indicator-progress.ts';

/** The scoreboard as data, as JSON records (null for an empty cell). */
export const GET: APIRoute = () =>
  new Response(toJsonRecords(PROGRESS_COLUMNS.map((c) => c.name), indicatorProgress().records), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
