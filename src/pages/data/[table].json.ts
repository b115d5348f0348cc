import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTable, publishedTablePaths } from '../../data.ts';
import { piecesResponse } from '../../lib/publishing/downloads.ts';
import { jsonRecords } from '../../lib/publishing/published.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null; written only when its table changed (the key). */
export const getStaticPaths = (() => publishedTablePaths('data/[table].json')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  piecesResponse(jsonRecords(publishedTable(String(props.name))), 'application/json; charset=utf-8');
