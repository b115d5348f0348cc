import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTablePaths, tableFile } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null. The dev server's; a build writes the files itself (src/build/downloads.ts). */
export const getStaticPaths = (() => publishedTablePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(tableFile('data/[table].json', String(props.name)), 'application/json; charset=utf-8');
