/**
 * Typed access to the CSV collections for pages. The loader stores rows that the schemas
 * have already parsed, so the cast below restores the type the schema infers.
 */
import { getCollection } from 'astro:content';
import type { DataTableName, RowOf } from './schemas/index.ts';
import type { Dataset } from './schemas/datasets.ts';

export async function rows<N extends DataTableName>(name: N): Promise<RowOf<N>[]> {
  const entries = await getCollection(name as never);
  return (entries as Array<{ data: unknown }>).map((e) => e.data as RowOf<N>);
}

export async function datasetMeta(): Promise<Dataset[]> {
  const entries = await getCollection('datasets' as never);
  return (entries as Array<{ data: unknown }>).map((e) => e.data as Dataset);
}
