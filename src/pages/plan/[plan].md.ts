import type { APIRoute, GetStaticPaths } from 'astro';
import { readFile } from 'node:fs/promises';
import { getCollection } from 'astro:content';

/** Serves each plan's Markdown source byte for byte, for citation and comparison. */
export const getStaticPaths = (async () => {
  const plans = await getCollection('plan');
  return plans.map((entry) => ({ params: { plan: entry.id }, props: { filePath: entry.filePath ?? `content/plan/${entry.id}.md` } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const bytes = await readFile(String(props.filePath));
  return new Response(bytes, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
};
