/**
 * One rating period as a download (/credit/period/<p>.csv): that period's ratings joined with
 * the enterprise's name, industry and village, so the file can be read and cited without
 * looking codes up in enterprises.csv. Ordered by enterprise name, like the list on the page.
 */
import type { ExcelColumn } from './publishing/excel-csv.ts';
import type { PickRow, RowOf } from '../schemas/index.ts';

export const PERIOD_CSV_COLUMNS = [
  'period',
  'uscc',
  'name',
  'industry',
  'village',
  'village_name',
  'rating',
  'score',
  'reason',
  'published',
  'publisher',
  'source_url',
] as const;

/**
 * How the period's columns are written for Excel, by the server's -excel.csv and by the credit
 * list's "下载这些行" alike: the score a number, the publication date a date (as in
 * credit-ratings.csv), the rest text.
 */
export const PERIOD_EXCEL_COLUMNS: Readonly<Record<(typeof PERIOD_CSV_COLUMNS)[number], ExcelColumn>> = {
  period: 'text',
  uscc: 'text',
  name: 'text',
  industry: 'text',
  village: 'text',
  village_name: 'text',
  rating: 'text',
  score: 'number',
  reason: 'text',
  published: 'date',
  publisher: 'text',
  source_url: 'text',
};

export function periodRecords(
  period: string,
  ratings: readonly RowOf<'credit-ratings'>[],
  enterprises: readonly PickRow<'enterprises', 'uscc' | 'name' | 'industry' | 'village'>[],
  villageNames: ReadonlyMap<string, string>,
): Array<Record<string, string | number | undefined>> {
  const byUscc = new Map(enterprises.map((e) => [e.uscc, e]));
  return ratings
    .filter((r) => r.period === period)
    .map((r) => {
      const e = byUscc.get(r.uscc);
      return {
        period: r.period,
        uscc: r.uscc,
        name: e?.name,
        industry: e?.industry,
        village: e?.village,
        village_name: e ? (villageNames.get(e.village) ?? e.village) : undefined,
        rating: r.rating,
        score: r.score,
        reason: r.reason,
        published: r.published,
        publisher: r.publisher,
        source_url: r.source_url,
      };
    })
    .sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
}
