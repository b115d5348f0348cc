import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorViews } from '../../data.ts';
import { toCsv } from '../../lib/publishing/downloads.ts';
import { toExcelCsv, type ExcelColumns } from '../../lib/publishing/excel-csv.ts';
import { INDICATOR_CSV_COLUMNS, indicatorCsvRecords } from '../../lib/indicator-progress.ts';

/**
 * One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. Target and value
 * are numbers; the other columns are text (dates as written in observations.csv, which may be a year).
 */
const COLUMNS: ExcelColumns = { target: 'number', value: 'number' };
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({
    params: { id: v.indicator.id },
    props: { body: toExcelCsv(toCsv(INDICATOR_CSV_COLUMNS, indicatorCsvRecords(v)), COLUMNS) },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
