/**
 * One rating period as a download (/credit/period/<p>.csv): that period's ratings joined with
 * the enterprise's name, industry and village, so the file can be read and cited without
 * looking codes up in enterprises.csv. Ordered by enterprise name, like the list on the page.
 */
import { DATA_TABLES, type PickRow, type RowOf } from '../schemas/index.ts';
import { column, columnOf, type DerivedTable } from './publishing/published.ts';

/**
 * The period's columns: credit-ratings.csv's and the enterprise's, as their schemas describe them,
 * so the server's -excel.csv and the credit list's "下载这些行" write them alike (the score a
 * number, the publication date a date, the rest text).
 */
export const CREDIT_PERIOD: DerivedTable = {
  name: 'credit-period',
  columns: [
    columnOf(DATA_TABLES['credit-ratings'], 'period'),
    columnOf(DATA_TABLES['credit-ratings'], 'uscc'),
    ...['name', 'industry', 'village'].map((c) => columnOf(DATA_TABLES.enterprises, c)),
    column({ name: 'village_name', title: '所在村（社区）名称', description: '企业所在村（社区）的名称。', type: 'string' }),
    ...['rating', 'score', 'reason', 'published', 'publisher', 'source_url'].map((c) => columnOf(DATA_TABLES['credit-ratings'], c)),
  ],
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
