import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTables } from '../../data.ts';

/** The plain CSV: a table of data/ exactly as it is in git (byte-identical, so hashes and diffs can be checked), a derived one as computed. */
export const getStaticPaths = (() => publishedTables().map((t) => ({ params: { table: t.name }, props: { bytes: t.csv } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(props.bytes as Uint8Array), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
