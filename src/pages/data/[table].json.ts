import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTable, publishedTablePaths } from '../../data.ts';
import { jsonRecords } from '../../lib/publishing/published.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null; written only when its table changed (the key). */
export const getStaticPaths = (() => publishedTablePaths('data/[table].json')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(jsonRecords(publishedTable(String(props.name))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
