import type { APIRoute } from 'astro';
import { indicatorProgress } from '../../data.ts';
import { toExcelCsv } from '../../lib/downloads.ts';
import { PROGRESS_COLUMNS } from '../../lib/indicator-progress.ts';

/** The scoreboard as data, for Excel: BOM, CRLF, formula-injection-safe cells. */
export const GET: APIRoute = () =>
  new Response(toExcelCsv(indicatorProgress().csv, new Map(PROGRESS_COLUMNS.map((c) => [c.name, c]))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
