import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTable, publishedTablePaths } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** "CSV for Excel": BOM, CRLF, formula-injection-safe cells; written only when its table changed (the key). */
export const getStaticPaths = (() => publishedTablePaths('data/[table]-excel.csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(excelCsv(publishedTable(String(props.name))), 'text/csv; charset=utf-8');
