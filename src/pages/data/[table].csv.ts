import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTablePaths, tableFile } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';

/** The plain CSV: a table of data/ exactly as it is in git (byte-identical, so hashes and diffs can be checked), a derived one as computed. The dev server's; a build writes the files itself (src/build/downloads.ts). */
export const getStaticPaths = (() => publishedTablePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(tableFile('data/[table].csv', String(props.name)), 'text/csv; charset=utf-8');
