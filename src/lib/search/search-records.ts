/**
 * The search records of the plans' text, which the index holds besides the HTML pages: one
 * for a plan's heading block (title, issuer, type, recipients, summary) and one per section.
 * The plan page carries no data-pagefind-body; a short section competes fairly with short
 * record pages for the plan's own words.
 */
import type { PlanDocument } from '../validation/validate.ts';
import { planSections } from '../plan-doc.ts';
import { planPath } from '../urls.ts';
import { isoDate } from '../dates.ts';

export interface PlanSearchRecord {
  /** Site path without the base, as Pagefind gives its pages' URLs: `/plan/gushan-2017/#s3-1`. */
  url: string;
  content: string;
  title: string;
  /** The plan file, for error messages. */
  source: string;
  date?: string;
}

export function planSearchRecords(plans: Iterable<PlanDocument>): PlanSearchRecord[] {
  const out: PlanSearchRecord[] = [];
  for (const plan of plans) {
    const title = plan.meta?.title ?? plan.id;
    const date = plan.meta ? { date: isoDate(plan.meta.date) } : {};
    const head = plan.meta ? [title, plan.meta.issuer, plan.meta.type, plan.meta.recipients, plan.meta.summary ?? ''].join('\n') : title;
    out.push({ url: `/${planPath(plan.id)}`, content: head, title, source: plan.path, ...date });
    for (const s of planSections(plan.blocks)) {
      out.push({
        url: `/${planPath(plan.id, s.id || undefined)}`,
        content: s.text,
        title: s.heading ? `${title} · ${s.heading}` : title,
        source: plan.path,
        ...date,
      });
    }
  }
  return out;
}
