import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorTable, indicatorTablePaths } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** One indicator for Excel: the same table with BOM, CRLF and formula-safe cells. */
export const getStaticPaths = (() => indicatorTablePaths('indicators/[id]-excel.csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(excelCsv(indicatorTable(String(props.id))), 'text/csv; charset=utf-8');
