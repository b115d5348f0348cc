import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTables } from '../../data.ts';
import { jsonRecords } from '../../lib/publishing/published.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null. */
export const getStaticPaths = (() => publishedTables().map((t) => ({ params: { table: t.name }, props: { body: jsonRecords(t) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
