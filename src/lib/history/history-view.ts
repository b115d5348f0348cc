/**
 * The data's history as pages show it (pure): a record's dated changes worded in Chinese with
 * the schemas' column titles ("2019-03-02 整改状态：整改中 → 已整改"), the change log of
 * /changes/ (newest first, grouped by day, counts per table, every record affected), and the
 * last published content of a removed record.
 */
import { DATA_TABLES, tableTitle, type DataTableName } from '../../schemas/index.ts';
import { keyId, keyOfId, type FieldChange } from './record-diff.ts';
import { columnMetaOf, columnNames, columnTitle } from '../../schemas/table.ts';
import { type CommitRef, type DataHistory, type HistoryCommit, type RecordEvent, type RecordTimeline } from './record-history.ts';
import { HISTORY_EMPTY_VALUE } from '../display.ts';
import { periodLabel, dayOf } from '../dates.ts';
import { COMMIT_ADDRESS } from '../validation/routes.ts';

/** Commits per page of /changes/. */
export const CHANGES_PER_PAGE = 50;
/** Longest value a change line shows in full; longer ones end in "…". */
const VALUE_MAX = 60;

const isTable = (t: string): t is DataTableName => Object.hasOwn(DATA_TABLES, t);

/** A cell as readers read it: periods in words, an empty cell as （空）, long text shortened. */
export function valueText(column: string, value: string): string {
  if (value === '') return HISTORY_EMPTY_VALUE;
  const v = column === 'period' ? periodLabel(value) : value.replace(/\s+/g, ' ');
  return v.length > VALUE_MAX ? `${v.slice(0, VALUE_MAX)}…` : v;
}

/** Columns in English, whose values reading pages show only marked lang="en" in the editor area. */
const ENGLISH_COLUMNS = new Set(['name_en']);

/**
 * "整改状态：整改中 → 已整改". With `reader`, an English column is named without its values
 * ("英文名称有修改"): reading pages keep English in the editor area; /changes/ shows them.
 */
export function fieldText(table: string, f: FieldChange, reader = false): string {
  const title = isTable(table) ? columnTitle(DATA_TABLES[table], f.column) : f.column;
  if (reader && ENGLISH_COLUMNS.has(f.column)) return `${title}有修改`;
  return `${title}：${valueText(f.column, f.from)} → ${valueText(f.column, f.to)}`;
}

/** How a record is named in a list: its key, a period in words ("91…Q 2019年度"). */
export function recordLabel(table: string, key: readonly string[]): string {
  const def = isTable(table) ? DATA_TABLES[table] : undefined;
  return key.map((k, i) => (def?.primaryKey[i] === 'period' ? periodLabel(k) : k)).join(' ');
}

export interface HistoryLine {
  /** Day of the commit, YYYY-MM-DD. */
  day: string;
  kind: RecordEvent['kind'];
  /** Which record, when the page shows several (e.g. "2019年度评价"); empty for the page's own record. */
  about: string;
  /** The changed fields, worded; empty for an addition or a removal. */
  fields: string[];
  /** Whether an addition is the record coming back after a removal. */
  again: boolean;
  commit: CommitRef;
  /** The record's table and key (for notes next to a line, e.g. a review that corrected a rating). */
  table: string;
  key: readonly string[];
}

/**
 * The changes of one or more records (a page's own record and, e.g., an enterprise's ratings),
 * newest first. `about` names each record in the lines.
 */
export function historyLines(records: ReadonlyArray<{ timeline: RecordTimeline; about?: string }>): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const { timeline, about = '' } of records) {
    timeline.events.forEach((e, i) => {
      lines.push({
        day: dayOf(e.commit.date),
        kind: e.kind,
        about,
        fields: e.kind === 'changed' ? e.fields.map((f) => fieldText(timeline.table, f, true)) : [],
        again: e.kind === 'added' && i > 0,
        commit: e.commit,
        table: timeline.table,
        key: timeline.key,
      });
    });
  }
  // Newest first; within a commit, the order the records were given.
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.commit.date === b.l.commit.date ? a.i - b.i : a.l.commit.date < b.l.commit.date ? 1 : -1))
    .map((x) => x.l);
}

/** The first commit that published any of the records (the page's record first of all). */
export function firstSeen(records: ReadonlyArray<RecordTimeline | undefined>): CommitRef | undefined {
  return records.find((t) => t !== undefined)?.firstSeen;
}

export interface ChangedRecord {
  key: string[];
  label: string;
  kind: RecordEvent['kind'];
  /** The changed fields, worded (changes only). */
  fields: string[];
}

export interface ChangeTableSummary {
  table: string;
  path: string;
  added: number;
  changed: number;
  removed: number;
  /** Columns added to or removed from the header. */
  columns: { added: string[]; removed: string[] };
  /** The version could not be read (the commit broke the file); a later one is compared instead. */
  unreadable?: string;
  /**
   * The records the entry names: added, changed, removed in that order, at most the `listed` of
   * changeLog (RECORDS_LISTED); the counts above say how many there are. A first commit of a large
   * data set adds every row, and the log is held for the whole build.
   */
  records: ChangedRecord[];
  /** The period every record of a kind shares, by kind (the heading names it); absent when they differ or the table has none. */
  periods: Partial<Record<ChangedRecord['kind'], string>>;
  /** Titles of the columns whose values changed, in the table's column order. */
  changedColumns: string[];
}

export interface ChangeEntry {
  commit: CommitRef;
  day: string;
  /** Page of /changes/ this commit is on (1-based); moves as newer commits come. */
  page: number;
  /** The commit's own page, /changes/<address>/, which stays (commitAddresses); absent for an id that cannot be one. */
  address?: string;
  tables: ChangeTableSummary[];
  /** What changed, in Chinese (changeHeading): the entry's heading, before the commit's subject. */
  heading: string;
}

/** Column titles of changed fields, once each, in the table's column order (an unknown column last). */
function changedColumnTitles(table: string, changes: ReadonlyArray<{ fields: readonly FieldChange[] }>): string[] {
  const names = new Set(changes.flatMap((c) => c.fields.map((f) => f.column)));
  const order = isTable(table) ? columnNames(DATA_TABLES[table]) : [];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return [...names].sort((a, b) => rank(a) - rank(b)).map((c) => (isTable(table) ? columnTitle(DATA_TABLES[table], c) : c));
}

/** The one period in the key of every record of a list (its place in the key `at`), or undefined. */
function sharedPeriod(keys: Iterable<readonly string[]>, at: number): string | undefined {
  if (at < 0) return undefined;
  let first: string | undefined;
  for (const k of keys) {
    const p = k[at] ?? '';
    if (first === undefined) first = p;
    else if (p !== first) return undefined;
  }
  return first;
}

/** The keys of keyIds, each made when it is read (a commit may add a million). */
function* keysOf(ids: Iterable<string>): Generator<string[]> {
  for (const id of ids) yield keyOfId(id);
}

function summariseCommit(c: HistoryCommit, listed: number): ChangeTableSummary[] {
  return c.tables.map((t) => {
    const periodAt = isTable(t.table) ? (DATA_TABLES[t.table].primaryKey as readonly string[]).indexOf('period') : -1;
    const periods: ChangeTableSummary['periods'] = {};
    const kinds = [
      ['added', keysOf(t.added)],
      ['changed', t.changed.map((c) => c.key)],
      ['removed', t.removed.map((r) => r.key)],
    ] as const;
    for (const [kind, keys] of kinds) {
      const p = sharedPeriod(keys, periodAt);
      if (p !== undefined) periods[kind] = p;
    }
    const records: ChangedRecord[] = [];
    for (const key of keysOf(t.added.slice(0, listed))) records.push({ key, label: recordLabel(t.table, key), kind: 'added', fields: [] });
    for (const c of t.changed.slice(0, listed - records.length))
      records.push({ key: c.key, label: recordLabel(t.table, c.key), kind: 'changed', fields: c.fields.map((f) => fieldText(t.table, f)) });
    for (const r of t.removed.slice(0, listed - records.length)) records.push({ key: r.key, label: recordLabel(t.table, r.key), kind: 'removed', fields: [] });
    const s: ChangeTableSummary = {
      table: t.table,
      path: t.path,
      added: t.added.length,
      changed: t.changed.length,
      removed: t.removed.length,
      columns: t.columns,
      records,
      periods,
      changedColumns: changedColumnTitles(t.table, t.changed),
    };
    if (t.unreadable) s.unreadable = t.unreadable.reason;
    return s;
  });
}

/** Characters of a commit id in its page's address: fixed, where git's abbreviation (%h) grows with the repository and would move every address. */
export const COMMIT_ADDRESS_LENGTH = 12;

/**
 * The address of each commit's page (/changes/<address>/), by commit id: the id's first
 * COMMIT_ADDRESS_LENGTH characters, so that it stays when newer commits come. Only where two
 * commits share those characters (never seen in practice) are both made as long as needed to
 * tell them apart. An id that is not lower-case hex, or that no 40 characters tell apart, has none.
 */
export function commitAddresses(ids: readonly string[]): Map<string, string> {
  const hex = [...new Set(ids)].filter((id) => /^[0-9a-f]+$/.test(id) && id.length >= COMMIT_ADDRESS_LENGTH).sort();
  const common = (a: string | undefined, b: string) => {
    let n = 0;
    if (a === undefined) return 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const out = new Map<string, string>();
  hex.forEach((id, i) => {
    // In sorted order the id sharing the longest prefix with this one is a neighbour.
    const shared = Math.max(common(hex[i - 1], id), common(hex[i + 1], id));
    const address = id.slice(0, Math.max(COMMIT_ADDRESS_LENGTH, shared + 1));
    if (shared < address.length && COMMIT_ADDRESS.test(address)) out.set(id, address);
  });
  return out;
}

/**
 * The change log: every commit that changed records, newest first, with its page of /changes/
 * and its own page's address; each table's entry names at most `listed` records.
 */
export function changeLog(history: DataHistory, perPage = CHANGES_PER_PAGE, listed = RECORDS_LISTED): ChangeEntry[] {
  if (!history.available) return [];
  const addresses = commitAddresses(history.commits.map((c) => c.id));
  return [...history.commits].reverse().map((c, i) => {
    const tables = summariseCommit(c, listed);
    const entry: ChangeEntry = {
      commit: { id: c.id, short: c.short, date: c.date, subject: c.subject },
      day: dayOf(c.date),
      page: Math.floor(i / perPage) + 1,
      tables,
      heading: changeHeading(tables),
    };
    const address = addresses.get(c.id);
    if (address !== undefined) entry.address = address;
    return entry;
  });
}

/** Entries of one page, grouped by day (newest first). */
export function groupByDay(entries: readonly ChangeEntry[]): Array<{ day: string; entries: ChangeEntry[] }> {
  const out: Array<{ day: string; entries: ChangeEntry[] }> = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (last?.day === e.day) last.entries.push(e);
    else out.push({ day: e.day, entries: [e] });
  }
  return out;
}

/** "新增 2 条，修改 1 条，删除 1 条" (only the non-zero counts). */
export function countsText(t: { added: number; changed: number; removed: number }): string {
  const parts = [t.added && `新增 ${t.added} 条`, t.changed && `修改 ${t.changed} 条`, t.removed && `删除 ${t.removed} 条`].filter(Boolean);
  return parts.length ? parts.join('，') : '记录未变';
}

/** Changed columns a heading names, at most; more end in "等". */
const HEADING_COLUMNS = 3;

/**
 * One kind of change of one table, for a heading: "新增 2 条", "新增 2019年下半年 30 条" when the
 * records share one period, "修改 1 条（整改状态、完成日期）" with the columns that changed.
 */
function kindText(verb: string, count: number, shared: string | undefined, columns: readonly string[] = []): string {
  const period = shared !== undefined ? `${periodLabel(shared)} ` : '';
  const cols = columns.length === 0 ? '' : `（${columns.slice(0, HEADING_COLUMNS).join('、')}${columns.length > HEADING_COLUMNS ? '等' : ''}）`;
  return `${verb} ${period}${count} 条${cols}`;
}

/**
 * What a commit changed, in Chinese, for its heading in the change log, on its own page and in
 * the feed: per table, its name and what happened to its records and columns ("问题清单：新增 2 条、
 * 修改 1 条（整改状态）；信用评价：新增 2019年下半年 30 条"). Made from the changes alone, never from
 * the commit's subject, which is the committer's free text and shown after it.
 */
export function changeHeading(tables: readonly ChangeTableSummary[]): string {
  const parts = tables.map((t) => {
    const what = [
      t.added > 0 ? kindText('新增', t.added, t.periods.added) : '',
      t.changed > 0 ? kindText('修改', t.changed, t.periods.changed, t.changedColumns) : '',
      t.removed > 0 ? kindText('删除', t.removed, t.periods.removed) : '',
      t.columns.added.length > 0 ? `增加 ${t.columns.added.length} 列` : '',
      t.columns.removed.length > 0 ? `去掉 ${t.columns.removed.length} 列` : '',
    ].filter(Boolean);
    return `${tableTitle(t.table)}：${what.length > 0 ? what.join('、') : '文件有改动，记录未变'}`;
  });
  return parts.length > 0 ? parts.join('；') : '数据文件有改动，记录未变';
}

/** The last published content of a removed record: column title and value, in the schema's column order, empty cells left out. */
export function lastContent(table: string, last: Readonly<Record<string, string>>): Array<{ column: string; title: string; value: string }> {
  const def = isTable(table) ? DATA_TABLES[table] : undefined;
  const columns = def ? [...columnNames(def), ...Object.keys(last).filter((c) => columnMetaOf(def, c) === undefined)] : Object.keys(last);
  return columns
    .filter((c) => (last[c] ?? '') !== '')
    .map((c) => ({ column: c, title: def ? columnTitle(def, c) : c, value: c === 'period' ? periodLabel(last[c]!) : last[c]! }));
}

/** Whether a record (by key) is among the timelines' records. */
export const hasRecord = (records: ReadonlyMap<string, unknown> | undefined, key: readonly string[]) => records?.has(keyId(key)) ?? false;

/** How a related record is named on its owner's page: "2019年度评价", "2019-06-30 观测值". */
export function relatedLabel(table: string, key: readonly string[]): string {
  if (table === 'credit-ratings') return `${periodLabel(key[1] ?? '')}评价`;
  if (table === 'observations') return `${key[1] ?? ''} 观测值`;
  return recordLabel(table, key);
}

/** Records of one table a change-log entry names, at most (a first commit of a large data set adds every row). */
export const RECORDS_LISTED = 300;

/** How many records a table's entry counts (added, changed and removed). */
export const recordCount = (t: Pick<ChangeTableSummary, 'added' | 'changed' | 'removed'>): number => t.added + t.changed + t.removed;

/** The records an entry lists, and how many more it only counts. */
export function listedRecords(t: ChangeTableSummary): { shown: ChangedRecord[]; more: number } {
  return { shown: t.records, more: Math.max(0, recordCount(t) - t.records.length) };
}
