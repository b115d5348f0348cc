/**
 * The edits that changed a verdict: in each commit, the changes that turned an indicator's
 * status, a problem's status or an enterprise's colour, in words, for the change log to put
 * first. An indicator's status is judged on both sides as of the commit's day — with the rows
 * the data had just before the commit and just after it — never as of the build's.
 *
 * The history keeps the keys of added rows, not their content; so a row as it was after a
 * commit is the current row (or a removed row's last content) with the later changes undone.
 * Browser-safe and pure.
 */
import { DATA_TABLES } from '../../schemas/index.ts';
import { columnMetaOf, type AnyTable } from '../../schemas/table.ts';
import { dayOf, formatDateZh, periodLabel } from '../dates.ts';
import { computeProgress, type IndicatorTarget, type Point, type ScoreStatus } from '../progress.ts';
import { keyId, keyOfId } from './record-diff.ts';
import { Timelines, type HistoryCommit, type RecordTimeline } from './record-history.ts';

export interface VerdictChange {
  table: 'indicators' | 'problems' | 'credit-ratings';
  /** The record's page: an indicator's id, a problem's id, an enterprise's code. */
  id: string;
  /** Whose verdict: an indicator's name, a problem's id and title, an enterprise's name and period. */
  label: string;
  /** The edit that turned it, e.g. "2017年观测值 25 → 22.2"; empty when the edit is the verdict itself. */
  what: string;
  from: string;
  to: string;
}

type Raw = Record<string, string>;

export interface VerdictInput {
  /** Commits that changed the records, oldest first (DataHistory.commits). */
  commits: readonly HistoryCommit[];
  /** Per table, per record, its timeline (DataHistory.records). */
  records: ReadonlyMap<string, Timelines>;
  /** Today's rows of indicators.csv and observations.csv as text, by keyId of their key. */
  current: { indicators: ReadonlyMap<string, Raw>; observations: ReadonlyMap<string, Raw> };
  /** Names for the labels: a problem's title, an enterprise's name (today's, else undefined). */
  problemTitle: (id: string) => string | undefined;
  enterpriseName: (uscc: string) => string | undefined;
}

/** A row's cells parsed by its table's columns; undefined when one of `columns` does not parse. */
function parsed(def: AnyTable, raw: Raw, columns: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const r = def.columns[c]!.parse(raw[c] ?? '');
    if (!r.ok) return undefined;
    out[c] = r.value;
  }
  return out;
}

const TARGET_COLUMNS = ['kind', 'comparator', 'target', 'target_date', 'baseline', 'baseline_date', 'unit'] as const;

/** The verdict changes of every commit, by commit id, in the order the change log shows them. */
export function verdictChanges(input: VerdictInput): Map<string, VerdictChange[]> {
  const index = new Map(input.commits.map((c, i) => [c.id, i]));
  const at = (e: { commit: { id: string } }) => index.get(e.commit.id) ?? -1;
  const timelines = (table: string) => input.records.get(table) ?? new Timelines(table);
  const observationsOf = new Map<string, RecordTimeline[]>();
  for (const t of timelines('observations').values()) {
    const list = observationsOf.get(t.key[0]!) ?? [];
    list.push(t);
    observationsOf.set(t.key[0]!, list);
  }
  // Today's observations the history never saw (older than its first commit) count on both sides.
  const unseen = new Map<string, Raw[]>();
  for (const [id, raw] of input.current.observations) {
    if (timelines('observations').has(id)) continue;
    const list = unseen.get(raw.indicator ?? '') ?? [];
    list.push(raw);
    unseen.set(raw.indicator ?? '', list);
  }

  /** A record's cells just after commit `i` (-1: before the first), or undefined when it did not exist then. */
  function rowAt(timeline: RecordTimeline | undefined, current: Raw | undefined, i: number): Raw | undefined {
    if (!timeline) return current;
    let exists = false;
    for (const e of timeline.events) if (at(e) <= i) exists = e.kind !== 'removed';
    if (!exists) return undefined;
    let row: Raw | undefined = current && { ...current };
    for (const e of [...timeline.events].reverse()) {
      if (at(e) <= i) break;
      if (e.kind === 'removed') row = { ...e.last };
      else if (e.kind === 'changed' && row) for (const f of e.fields) row[f.column] = f.from;
    }
    return row;
  }

  function statusAt(id: string, i: number, today: string): ScoreStatus | undefined {
    const indicatorRaw = rowAt(timelines('indicators').get(keyId([id])), input.current.indicators.get(keyId([id])), i);
    if (!indicatorRaw) return undefined;
    const indicator = parsed(DATA_TABLES.indicators, indicatorRaw, TARGET_COLUMNS) as IndicatorTarget | undefined;
    if (!indicator) return undefined;
    const points: Point[] = [];
    const rows = [...(observationsOf.get(id) ?? []).map((t) => rowAt(t, input.current.observations.get(keyId(t.key)), i)), ...(unseen.get(id) ?? [])];
    for (const raw of rows) {
      if (!raw) continue;
      const o = parsed(DATA_TABLES.observations, raw, ['date', 'value']) as { date: string; value: number } | undefined;
      if (o) points.push({ date: o.date, value: o.value });
    }
    return computeProgress(indicator, points, today).result;
  }

  const out = new Map<string, VerdictChange[]>();
  input.commits.forEach((commit, i) => {
    const today = dayOf(commit.date);
    const found: VerdictChange[] = [];
    const table = (name: string) => commit.tables.find((t) => t.table === name);

    // Indicators whose rows or observations this commit touched, in key order.
    const edits = new Map<string, string[]>();
    const note = (id: string, text: string) => edits.set(id, [...(edits.get(id) ?? []), text]);
    for (const c of table('indicators')?.changed ?? []) {
      for (const f of c.fields)
        if ((TARGET_COLUMNS as readonly string[]).includes(f.column))
          note(c.key[0]!, `${columnMetaOf(DATA_TABLES.indicators, f.column)?.title ?? f.column} ${f.from || '（空）'} → ${f.to || '（空）'}`);
    }
    const obs = table('observations');
    for (const id of obs?.added ?? []) {
      const key = keyOfId(id);
      const raw = rowAt(timelines('observations').get(id), input.current.observations.get(id), i);
      note(key[0]!, `新增${formatDateZh(key[1]!)}观测值${raw?.value ? ` ${raw.value}` : ''}`);
    }
    for (const c of obs?.changed ?? []) {
      const value = c.fields.find((f) => f.column === 'value');
      if (value) note(c.key[0]!, `${formatDateZh(c.key[1]!)}观测值 ${value.from} → ${value.to}`);
    }
    for (const r of obs?.removed ?? []) note(r.key[0]!, `删除${formatDateZh(r.key[1]!)}观测值 ${r.values.value ?? ''}`.trimEnd());
    for (const [id, what] of [...edits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const from = statusAt(id, i - 1, today);
      const to = statusAt(id, i, today);
      if (from === undefined || to === undefined || from === to) continue;
      const name = input.current.indicators.get(keyId([id]))?.name ?? id;
      found.push({ table: 'indicators', id, label: name, what: what.join('；'), from, to });
    }

    for (const c of table('problems')?.changed ?? []) {
      const status = c.fields.find((f) => f.column === 'status');
      if (!status) continue;
      const id = c.key[0]!;
      const title = input.problemTitle(id);
      found.push({ table: 'problems', id, label: title ? `${id} ${title}` : id, what: '', from: status.from, to: status.to });
    }
    for (const c of table('credit-ratings')?.changed ?? []) {
      const rating = c.fields.find((f) => f.column === 'rating');
      if (!rating) continue;
      const [uscc, period] = c.key as [string, string];
      found.push({
        table: 'credit-ratings',
        id: uscc,
        label: `${input.enterpriseName(uscc) ?? uscc} ${periodLabel(period)}`,
        what: '',
        from: rating.from,
        to: rating.to,
      });
    }
    if (found.length > 0) out.set(commit.id, found);
  });
  return out;
}

/** A verdict change in words: "河道水质达标比例 2017年观测值 25 → 22.2：按期达标 → 逾期达标". */
export function verdictText(v: VerdictChange): string {
  return `${v.label}${v.what ? ` ${v.what}` : ''}：${v.from} → ${v.to}`;
}
