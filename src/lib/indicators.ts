/**
 * Indicators joined with their observations and progress, and the marks that link each
 * target's words in the plan text to its indicator. Pure: pages pass in the rows.
 */
import { computeProgress, type IndicatorTarget, type Point, type Progress } from './progress.ts';
import { endOfPartialDate } from './dates.ts';
import { observationsStopped } from './freshness.ts';
import type { PickRow } from '../schemas/index.ts';

export type IndicatorRow = IndicatorTarget & PickRow<'indicators', 'id' | 'plan' | 'section' | 'name' | 'quote'> & Partial<PickRow<'indicators', 'frequency'>>;

export type ObservationRow = PickRow<'observations', 'indicator' | 'date' | 'value'>;

/**
 * The town's targets a village's page lists at most, in the plan's order (every target of a plan
 * the size of Gushan's, about 30); the rest are counted by status and linked (/indicators/).
 * They concern every village, so each village's page would otherwise repeat every one of them.
 */
export const TARGETS_ON_VILLAGE_PAGE = 40;

export interface IndicatorView<I extends IndicatorRow = IndicatorRow, O extends ObservationRow = ObservationRow> {
  indicator: I;
  observations: O[];
  progress: Progress;
  /** Its observations stopped while it is still tracked (src/lib/freshness.ts observationsStopped). */
  stopped: boolean;
}

const byDate = (a: { date: string }, b: { date: string }) =>
  endOfPartialDate(a.date) < endOfPartialDate(b.date) ? -1 : endOfPartialDate(a.date) > endOfPartialDate(b.date) ? 1 : a.date.length - b.date.length;

export function indicatorViews<I extends IndicatorRow, O extends ObservationRow>(
  indicators: readonly I[],
  observations: readonly O[],
  today: string,
): IndicatorView<I, O>[] {
  const by = Map.groupBy(observations, (o) => o.indicator);
  return indicators.map((indicator) => {
    const obs = (by.get(indicator.id) ?? []).sort(byDate);
    const points: Point[] = obs.map((o) => ({ date: o.date, value: o.value }));
    const progress = computeProgress(indicator, points, today);
    const last = obs.at(-1)?.date ?? indicator.baseline_date;
    const stopped = observationsStopped(indicator.frequency ?? '不定期', last && endOfPartialDate(last), progress.deadline, today);
    return { indicator, observations: obs, progress, stopped };
  });
}

export interface QuoteMark {
  quote: string;
  indicators: string[];
}

export type Segment = { text: string } | { text: string; mark: QuoteMark };

/** Which quotes each section of a plan carries: section anchor → marks. */
export function marksBySection(plan: string, indicators: readonly IndicatorRow[]): Map<string, QuoteMark[]> {
  const out = new Map<string, QuoteMark[]>();
  for (const ind of indicators) {
    if (ind.plan !== plan) continue;
    ind.section.forEach((section, k) => {
      const quote = ind.quote[k];
      if (quote === undefined) return;
      const list = out.get(section) ?? [];
      const same = list.find((m) => m.quote === quote);
      if (same) same.indicators.push(ind.id);
      else list.push({ quote, indicators: [ind.id] });
      out.set(section, list);
    });
  }
  return out;
}

/**
 * Splits a paragraph into plain text and marked quotes. Where two quotes overlap, the one
 * that starts first wins and the other stays unmarked in this paragraph.
 */
export function segmentParagraph(text: string, marks: readonly QuoteMark[]): Segment[] {
  const found = marks
    .map((mark) => ({ mark, at: text.indexOf(mark.quote) }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at || b.mark.quote.length - a.mark.quote.length);
  const segments: Segment[] = [];
  let pos = 0;
  for (const f of found) {
    if (f.at < pos) continue;
    if (f.at > pos) segments.push({ text: text.slice(pos, f.at) });
    segments.push({ text: f.mark.quote, mark: f.mark });
    pos = f.at + f.mark.quote.length;
  }
  if (pos < text.length) segments.push({ text: text.slice(pos) });
  return segments;
}
