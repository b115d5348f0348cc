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
import { changes, distribution, downgraded, previousPeriod, warningList } from './lib/credit.ts';
import { sortedPeriods } from './lib/ratings.ts';
import { newestFirst, summarise } from './lib/problems.ts';

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


/**
 * Everything the credit list pages show for one period, computed once per build and period:
 * the numbered list pages share it instead of each recomputing it from every rating.
 */
const creditViews = new Map<string, ReturnType<typeof buildCreditView>>();
async function buildCreditViewInputs() {
  return { enterprises: await rows('enterprises'), ratings: await rows('credit-ratings'), villages: await rows('villages') };
}
function buildCreditView(input: Awaited<ReturnType<typeof buildCreditViewInputs>>, period: string | undefined) {
  const { enterprises, ratings, villages } = input;
  const periods = sortedPeriods(ratings);
  const latest = periods[periods.length - 1]!;
  const p = period ?? latest;
  const byUscc = new Map(enterprises.map((e) => [e.uscc, e]));
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const list = changes(ratings, p)
    .map((c) => {
      const e = byUscc.get(c.current.uscc)!;
      return { uscc: e.uscc, name: e.name, industry: e.industry, village: e.village, villageName: villageName.get(e.village) ?? e.village, rating: c.current.rating, change: c.change };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    periods,
    latest,
    period: p,
    previous: previousPeriod(periods, p),
    byUscc,
    villages,
    industries: [...new Set(enterprises.map((e) => e.industry))].sort(),
    list,
    warn: warningList(ratings, p),
    down: downgraded(ratings, p),
    distribution: distribution(ratings, p),
  };
}
export async function creditView(period?: string) {
  const key = period ?? '';
  if (!creditViews.has(key)) creditViews.set(key, buildCreditView(await buildCreditViewInputs(), period));
  return creditViews.get(key)!;
}

/** The problem register, newest first, and its summary, computed once per build. */
let registerView: Promise<{ problems: Awaited<ReturnType<typeof rows<'problems'>>>; summary: ReturnType<typeof summarise>; villages: Awaited<ReturnType<typeof rows<'villages'>>> }> | undefined;
export function problemRegister() {
  registerView ??= (async () => {
    const problems = newestFirst(await rows('problems'));
    return { problems, summary: summarise(problems, buildDate()), villages: await rows('villages') };
  })();
  return registerView;
}
