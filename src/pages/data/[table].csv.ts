import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTable, publishedTablePaths } from '../../data.ts';

/** The plain CSV: a table of data/ exactly as it is in git (byte-identical, so hashes and diffs can be checked), a derived one as computed. */
export const getStaticPaths = (() => publishedTablePaths('data/[table].csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(publishedTable(String(props.name)).csv), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
