import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogue } from '../../data.ts';

/** The CSV exactly as it is in git: byte-identical, so hashes and diffs can be checked. */
export const getStaticPaths = (() => catalogue().map((e) => ({ params: { table: e.name }, props: { bytes: e.bytes } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(props.bytes as Buffer), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
