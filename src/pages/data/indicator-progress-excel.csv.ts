import type { APIRoute } from 'astro';
import { indicatorProgress } from '../../data.ts';
import { excelColumns, toExcelCsv } from '../../lib/publishing/excel-csv.ts';
import { PROGRESS_COLUMNS } from '../../lib/indicator-progress.ts';

/** The scoreboard as data, for Excel: BOM, CRLF, formula-injection-safe cells. */
export const GET: APIRoute = () =>
  new Response(toExcelCsv(indicatorProgress().csv, excelColumns(PROGRESS_COLUMNS)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
