import type { APIRoute, GetStaticPaths } from 'astro';
import { validatedDataset } from '../../loaders/csv-tables.ts';
import { catalogue } from '../../lib/catalogue.ts';
import { toJsonRecords } from '../../lib/downloads.ts';

/** Typed records: numbers as numbers, lists as arrays, empty cells as null. */
export const getStaticPaths = (() =>
  catalogue(validatedDataset()).map((e) => ({ params: { table: e.name }, props: { body: toJsonRecords(e.columns.map((c) => c.name), e.rows) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
