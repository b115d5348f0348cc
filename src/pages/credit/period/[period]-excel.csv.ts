import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTablePaths, periodFile } from '../../../data.ts';
import { piecesResponse } from '../../../lib/publishing/downloads.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text (the encoding of the credit list's "下载这些行"). The dev server's; a build writes the files itself (src/build/downloads.ts). */
export const getStaticPaths = (() => creditPeriodTablePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(periodFile('credit/period/[period]-excel.csv', String(props.period)), 'text/csv; charset=utf-8');
