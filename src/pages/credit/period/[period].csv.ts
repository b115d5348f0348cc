import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTable, creditPeriodTablePaths } from '../../../data.ts';

/** One period's ratings with the enterprise's name, industry and village. */
export const getStaticPaths = (() => creditPeriodTablePaths('credit/period/[period].csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(creditPeriodTable(String(props.period)).csv), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
