import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorViews } from '../../data.ts';
import { toCsv } from '../../lib/publishing/downloads.ts';
import { INDICATOR_CSV_COLUMNS, indicatorCsvRecords } from '../../lib/indicator-progress.ts';

/** One indicator: what it is and its computed verdicts on every row, then its observations. */
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({
    params: { id: v.indicator.id },
    props: { body: toCsv(INDICATOR_CSV_COLUMNS, indicatorCsvRecords(v)) },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
