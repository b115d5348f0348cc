/**
 * Typed access to the CSV collections for pages. The loader stores rows that the schemas
 * have already parsed, so the cast below restores the type the schema infers.
 */
import type { DataTableName, RowOf } from './schemas/index.ts';
import type { Dataset } from './schemas/datasets.ts';
import { indicatorViews } from './lib/indicators.ts';
import { buildDate } from './lib/site.ts';
import { getCollection } from 'astro:content';
import { parsePlanOrThrow } from './lib/plans.ts';
import type { PlanBlock } from './lib/plan-doc.ts';
import { rowId, validatedDataset } from './loaders/csv-tables.ts';

/** The rows of a table, in the order of its CSV file (the content store does not keep it). */
export async function rows<N extends DataTableName>(name: N): Promise<RowOf<N>[]> {
  const entries = (await getCollection(name as never)) as Array<{ id: string; data: unknown }>;
  const order = fileOrder(name);
  return entries.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map((e) => e.data as RowOf<N>);
}

const orders = new Map<string, Map<string, number>>();
function fileOrder(name: string): Map<string, number> {
  let order = orders.get(name);
  if (!order) {
    const table = validatedDataset().tables.get(name);
    order = new Map((table?.rows ?? []).map((r, i) => [rowId(table!.def.primaryKey, r.record), i]));
    orders.set(name, order);
  }
  return order;
}

export async function datasetMeta(): Promise<Dataset[]> {
  const entries = await getCollection('datasets' as never);
  return (entries as Array<{ data: unknown }>).map((e) => e.data as Dataset);
}


/** Every indicator with its observations and computed progress, as of the build date. */
export async function indicatorsWithProgress() {
  return indicatorViews(await rows('indicators'), await rows('observations'), buildDate());
}

/** Parsed blocks of every plan, by plan id. */
export async function planBlocks(): Promise<Map<string, { title: string; blocks: PlanBlock[] }>> {
  const plans = await getCollection('plan');
  return new Map(plans.map((p) => [p.id, { title: p.data.title, blocks: parsePlanOrThrow(p) }]));
}
