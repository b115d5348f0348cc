import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTablePaths, periodFile } from '../../../data.ts';
import { piecesResponse } from '../../../lib/publishing/downloads.ts';

/** One period's ratings with the enterprise's name, industry and village. The dev server's; a build writes the files itself (src/build/downloads.ts). */
export const getStaticPaths = (() => creditPeriodTablePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(periodFile('credit/period/[period].csv', String(props.period)), 'text/csv; charset=utf-8');
