/**
 * Objections and replies (data/responses.csv) next to the records they answer: which record a
 * response names, a record's responses in date order, and the reviews that corrected a rating,
 * for the note on the rating's change. Browser-safe and pure; src/data.ts computes them once.
 */
import { REVIEW_KIND, type ResponseTable } from '../schemas/enums.ts';
import type { PickRow } from '../schemas/index.ts';
import { keyId } from './history/record-diff.ts';

export type ResponseRow = PickRow<'responses', 'id' | 'table' | 'key' | 'date' | 'party' | 'kind' | 'text' | 'outcome' | 'source_url'>;

/** The key columns' values of the record a response answers (a rating's key is uscc+period). */
export function responseKey(r: Pick<ResponseRow, 'table' | 'key'>): string[] {
  return r.table === 'credit-ratings' ? r.key.split('+') : [r.key];
}

/** A record's key as the index below holds it: its table and its key columns' values. */
export const recordId = (table: ResponseTable | string, key: readonly string[]) => `${table}\u0001${keyId(key)}`;

/** The responses of each record, in date order (then by id, so that two of one day keep a fixed order). */
export function responsesByRecord<R extends ResponseRow>(rows: readonly R[]): Map<string, R[]> {
  const by = new Map<string, R[]>();
  for (const r of [...rows].sort(byDate)) {
    const id = recordId(r.table, responseKey(r));
    if (!by.has(id)) by.set(id, []);
    by.get(id)!.push(r);
  }
  return by;
}

export const byDate = (a: Pick<ResponseRow, 'date' | 'id'>, b: Pick<ResponseRow, 'date' | 'id'>) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The reviews whose outcome corrected a rating, by the rating's key (keyId of uscc, period); the latest when there are several. */
export function ratingCorrections(rows: readonly ResponseRow[]): Map<string, ResponseRow> {
  const out = new Map<string, ResponseRow>();
  for (const r of [...rows].sort(byDate)) {
    if (r.table === 'credit-ratings' && r.kind === REVIEW_KIND && r.outcome === '更正') out.set(keyId(responseKey(r)), r);
  }
  return out;
}

/**
 * The review behind a change of a rating: a correction published on or before the day of the
 * change (a correction dated later cannot be what changed it).
 */
export function correctionBehind(
  corrections: ReadonlyMap<string, ResponseRow>,
  line: { table?: string; key?: readonly string[]; kind: string; day: string },
): ResponseRow | undefined {
  if (line.table !== 'credit-ratings' || line.kind !== 'changed' || !line.key) return undefined;
  const r = corrections.get(keyId(line.key));
  return r && r.date <= line.day ? r : undefined;
}
