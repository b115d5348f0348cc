import type { APIRoute, GetStaticPaths } from 'astro';
import { creditPeriodTable, creditPeriodTablePaths } from '../../../data.ts';
import { piecesResponse } from '../../../lib/publishing/downloads.ts';
import { excelCsv } from '../../../lib/publishing/published.ts';

/** One period's ratings for Excel: BOM, CRLF, formula-safe cells, codes kept as text (the encoding of the credit list's "下载这些行"). */
export const getStaticPaths = (() => creditPeriodTablePaths('credit/period/[period]-excel.csv')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => piecesResponse(excelCsv(creditPeriodTable(String(props.period))), 'text/csv; charset=utf-8');
