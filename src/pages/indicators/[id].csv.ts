import type { APIRoute, GetStaticPaths } from 'astro';
import { indicatorViews } from '../../data.ts';
import { toCsv } from '../../lib/downloads.ts';
import { columnNames } from '../../schemas/table.ts';
import { observations } from '../../schemas/observations.ts';

/** One indicator's observations, in the columns of data/observations.csv. */
export const getStaticPaths = (() =>
  indicatorViews().map((v) => ({ params: { id: v.indicator.id }, props: { body: toCsv(columnNames(observations), v.observations) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
