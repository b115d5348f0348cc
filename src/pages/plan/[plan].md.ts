import type { APIRoute, GetStaticPaths } from 'astro';
import { plans } from '../../data.ts';

/** Serves each plan's Markdown source byte for byte, for citation and comparison. */
export const getStaticPaths = (() => plans().map((p) => ({ params: { plan: p.id }, props: { text: p.text } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(Buffer.from(String(props.text), 'utf8'), { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
