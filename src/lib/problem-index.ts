/** Building the register's compact index (fetched by the browser filter) from validated rows. */
import type { Problem } from '../schemas/problems.ts';
import { isOverdue, newestFirst, type IndexRow } from './problems.ts';

export function problemIndex(problems: readonly Problem[], villages: ReadonlyMap<string, string>, today: string): IndexRow[] {
  return newestFirst(problems).map((p) => ({
    id: p.id,
    reported: p.reported,
    status: p.status,
    categories: [...p.categories],
    source: p.source_type,
    village: p.village ?? '',
    villageName: p.village ? (villages.get(p.village) ?? p.village) : '全镇',
    title: p.title,
    deadline: p.deadline ?? '',
    overdue: isOverdue(p, today),
  }));
}
