import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTablePaths, tableFile } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';

/** "CSV for Excel": BOM, CRLF, formula-injection-safe cells. The dev server's; a build writes the files itself (src/build/downloads.ts). */
export const getStaticPaths = (() => publishedTablePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(tableFile('data/[table]-excel.csv', String(props.name)), 'text/csv; charset=utf-8');
