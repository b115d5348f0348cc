import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogue } from '../../data.ts';
import { toJsonRecords } from '../../lib/publishing/downloads.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null. */
export const getStaticPaths = (() =>
  catalogue().map((e) => ({ params: { table: e.name }, props: { body: toJsonRecords(e.columns.map((c) => c.name), e.rows) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
