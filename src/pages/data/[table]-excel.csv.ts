import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedTables } from '../../data.ts';
import { excelCsv } from '../../lib/publishing/published.ts';

/** "CSV for Excel": BOM, CRLF, formula-injection-safe cells. */
export const getStaticPaths = (() => publishedTables().map((t) => ({ params: { table: t.name }, props: { body: excelCsv(t) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
