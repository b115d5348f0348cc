/** Building the register's compact index (fetched by the browser filter) from validated rows. */
import { WHOLE_TOWN } from './display.ts';
import type { Problem } from '../schemas/problems.ts';
import { isOverdue, lateness, newestFirst, type IndexRow } from './problems.ts';

/**
 * Columns the index leaves out: long texts the table never shows (the problem page has them)
 * and columns it carries under another name. Every other column comes along, so a new short
 * column can be shown in the register by adding it to its row template alone.
 */
const LEFT_OUT = new Set(['description', 'measures', 'penalty', 'location', 'responsible', 'source_url', 'source_type', 'verified', 'enterprise', 'fine_wan']);

export function problemIndex(problems: readonly Problem[], villages: ReadonlyMap<string, string>, today: string): IndexRow[] {
  return newestFirst(problems).map((p) => ({
    ...Object.fromEntries(Object.entries(p).filter(([k, v]) => !LEFT_OUT.has(k) && v !== undefined)),
    id: p.id,
    reported: p.reported,
    status: p.status,
    categories: [...p.categories],
    source: p.source_type,
    village: p.village ?? '',
    villageName: p.village ? (villages.get(p.village) ?? p.village) : WHOLE_TOWN,
    title: p.title,
    deadline: p.deadline ?? '',
    closed: p.closed ?? '',
    overdue: isOverdue(p, today),
    late: lateness(p, today),
  }));
}
