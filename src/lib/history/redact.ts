/**
 * Withdrawals without rewriting git: the rows of redactions.csv applied to the data's history.
 * Every past value of a named field (or of every field of a removed record) that differs from
 * its current value — with `until`, only values first held by a version committed on or before
 * that day, China Standard Time — is replaced by “已隐去：<reason>” wherever the history carries
 * it (field changes, removed records' last content, commit subjects that quote it), and file
 * versions that held such a value are marked so that no page links to them. Everything the site
 * shows about the past comes from the one history this returns (src/data.ts `dataHistory()`), so
 * the change log, feeds, record pages, removed records' pages and the search index built from
 * them never see the value. The current value is never withheld. Pure (no Node APIs).
 */
import { chinaDay } from '../dates.ts';
import { keyId, keyOfId, type RecordRow, type TableDiff } from './record-diff.ts';
import { buildTimelines, type DataHistory, type HistoryCommit, type TableVersion } from './record-history.ts';
import { DATA_TABLES, type DataTableName } from '../../schemas/index.ts';
import { REDACTABLE_TABLES, redactionKeyParts } from '../../schemas/redactions.ts';

export interface Withholding {
  table: string;
  /** The record's key values, in primary-key order. */
  key: string[];
  /** The column withheld; undefined: every column of the (removed) record. */
  column?: string;
  /** YYYY-MM-DD: only values first held by versions committed on or before this day (China Standard Time). */
  until?: string;
  reason: string;
  /** Line of the rule in redactions.csv, for reports. */
  line: number;
}

export const WITHHELD_PREFIX = '已隐去：';

/** What readers see in place of a withheld value. */
export function withheldText(reason: string): string {
  return `${WITHHELD_PREFIX}${reason}`;
}

/** What readers see in place of a commit subject that quoted a withheld value. */
export const WITHHELD_SUBJECT = '（提交说明中含有已隐去的内容，不再显示）';

/** A record withheld as a whole: its page keeps only its key, the dates and this reason. */
export interface WithheldRecord {
  reason: string;
  /** Every value of its last content is withheld (else some, from after `until`, remain). */
  whole: boolean;
}

export interface Redacted {
  history: DataHistory;
  /** Per table, per record (keyId): records with withheld values, and why. */
  records: Map<string, Map<string, WithheldRecord>>;
  /** Rules that withheld nothing (a misspelt key or column, or nothing to withhold yet). */
  unmatched: Withholding[];
}

type Current = (table: string, key: readonly string[]) => Readonly<Record<string, string>> | undefined;

/** One value a field held over a run of versions of its table's file: [from, to) by version index. */
interface Held {
  column: string;
  value: string;
  from: number;
  /** The version that replaced it (the column changed or the record was removed); undefined while it is held. */
  to?: number;
}

const keyColumns = (table: string): readonly string[] => (Object.hasOwn(DATA_TABLES, table) ? DATA_TABLES[table as DataTableName].primaryKey : []);
const fieldId = (table: string, id: string, column: string) => `${table}\u0000${id}\u0000${column}`;

/**
 * Applies the rules to a history. `current(table, key)` gives a record's cells as the working
 * tree has them now (undefined when the record is gone): those values are never withheld.
 */
export function redactHistory(history: DataHistory, rules: readonly Withholding[], current: Current): Redacted {
  const records = new Map<string, Map<string, WithheldRecord>>();
  if (!history.available || rules.length === 0) return { history, records, unmatched: history.available ? [...rules] : [] };

  const byRecord = new Map<string, Withholding[]>();
  for (const r of rules) {
    const id = `${r.table}\u0000${keyId(r.key)}`;
    const list = byRecord.get(id);
    if (list) list.push(r);
    else byRecord.set(id, [r]);
  }
  const versionIndex = new Map<string, Map<string, number>>();
  for (const [table, versions] of history.versions) versionIndex.set(table, new Map(versions.map((v, i) => [v.commit.id, i])));
  const versionDay = (table: string, i: number) => chinaDay(history.versions.get(table)?.[i]?.commit.date ?? '') ?? '';

  // Each value the targeted records held, with the version that first held it.
  const held = new Map<string, { table: string; key: string[]; values: Held[]; lastRemoved?: Record<string, string> }>();
  const open = new Map<string, { since: number; columns: Map<string, Held> }>();
  const close = (id: string, h: Held) => held.get(id)!.values.push(h);
  for (const commit of history.commits) {
    for (const t of commit.tables) {
      const vi = versionIndex.get(t.table)?.get(commit.id) ?? 0;
      const touch = (key: string[]): string | undefined => {
        const id = `${t.table}\u0000${keyId(key)}`;
        if (!byRecord.has(id)) return undefined;
        if (!held.has(id)) held.set(id, { table: t.table, key, values: [] });
        return id;
      };
      for (const added of t.added) {
        const id = touch(keyOfId(added));
        if (id) open.set(id, { since: vi, columns: new Map() });
      }
      for (const c of t.changed) {
        const id = touch(c.key);
        if (!id) continue;
        let state = open.get(id);
        if (!state) open.set(id, (state = { since: vi, columns: new Map() }));
        for (const f of c.fields) {
          const was = state.columns.get(f.column);
          close(id, { column: f.column, value: f.from, from: was?.from ?? state.since, to: vi });
          state.columns.set(f.column, { column: f.column, value: f.to, from: vi });
        }
      }
      for (const r of t.removed) {
        const id = touch(r.key);
        if (!id) continue;
        const state = open.get(id);
        for (const [column, value] of Object.entries(r.values))
          close(id, { column, value, from: state?.columns.get(column)?.from ?? state?.since ?? vi, to: vi });
        held.get(id)!.lastRemoved = r.values;
        open.delete(id);
      }
    }
  }
  for (const [id, state] of open) for (const h of state.columns.values()) close(id, h);

  // Which of those values are withheld, and which versions held them.
  const withheld = new Map<string, Map<string, string>>();
  const markedVersions = new Map<string, Map<number, string>>();
  const matched = new Set<Withholding>();
  for (const [id, rec] of held) {
    const now = current(rec.table, rec.key);
    const rulesHere = byRecord.get(id)!;
    for (const h of rec.values) {
      // The key names the record in the rule and on its page: it is never withheld.
      if (h.value === '' || keyColumns(rec.table).includes(h.column) || (now !== undefined && now[h.column] === h.value)) continue;
      const rule = rulesHere.find(
        (r) => (r.column === undefined ? now === undefined : r.column === h.column) && (r.until === undefined || versionDay(rec.table, h.from) <= r.until),
      );
      if (!rule) continue;
      matched.add(rule);
      const fid = fieldId(rec.table, keyId(rec.key), h.column);
      let values = withheld.get(fid);
      if (!values) withheld.set(fid, (values = new Map()));
      values.set(h.value, rule.reason);
      let table = records.get(rec.table);
      if (!table) records.set(rec.table, (table = new Map()));
      const known = table.get(keyId(rec.key));
      table.set(keyId(rec.key), { reason: known?.reason ?? rule.reason, whole: rule.column === undefined && (known?.whole ?? true) });
    }
    // A version held a withheld value from the version that first held it up to the one that replaced it.
    const versionCount = history.versions.get(rec.table)?.length ?? 0;
    for (const h of rec.values) {
      const reason = withheld.get(fieldId(rec.table, keyId(rec.key), h.column))?.get(h.value);
      if (reason === undefined) continue;
      let marks = markedVersions.get(rec.table);
      if (!marks) markedVersions.set(rec.table, (marks = new Map()));
      for (let v = h.from; v < (h.to ?? versionCount); v++) if (!marks.has(v)) marks.set(v, reason);
    }
  }
  // A whole-record rule whose record is only partly withheld (values after `until` remain).
  for (const [table, map] of records) {
    for (const [id, w] of map) {
      if (!w.whole) continue;
      const last = held.get(`${table}\u0000${id}`)?.lastRemoved;
      if (last && Object.entries(last).some(([c, v]) => v !== '' && !keyColumns(table).includes(c) && !withheld.get(fieldId(table, id, c))?.has(v)))
        w.whole = false;
    }
  }

  const hide = (table: string, key: readonly string[], column: string, value: string): string => {
    const reason = withheld.get(fieldId(table, keyId(key), column))?.get(value);
    return reason === undefined ? value : withheldText(reason);
  };
  // A subject that quotes a withheld value, or a run of six or more letters and digits from one
  // (a phone or ID-card number typed into the message), is not shown.
  const secrets = [...withheld.values()].flatMap((m) => [...m.keys()]);
  const whole = secrets.filter((v) => v.length >= 2);
  const runs = [...new Set(secrets.flatMap((v) => v.match(/[0-9A-Za-z]{6,}/g) ?? []))].map((r) => r.toLowerCase());
  const subject = (s: string) => (whole.some((v) => s.includes(v)) || runs.some((r) => s.toLowerCase().includes(r)) ? WITHHELD_SUBJECT : s);
  const wholeRecord = (table: string, r: RecordRow) => records.get(table)?.get(keyId(r.key))?.whole === true;

  const commits: HistoryCommit[] = history.commits.map((c) => ({
    ...c,
    subject: subject(c.subject),
    tables: c.tables.map((t) => ({
      ...t,
      changed: t.changed.map((ch) => ({
        key: ch.key,
        fields: ch.fields.map((f) => ({ column: f.column, from: hide(t.table, ch.key, f.column, f.from), to: hide(t.table, ch.key, f.column, f.to) })),
      })),
      removed: t.removed.map((r) => ({
        key: r.key,
        values: Object.fromEntries(
          Object.entries(r.values)
            // A record withheld as a whole keeps only its key.
            .filter(([c]) => !wholeRecord(t.table, r) || keyColumns(t.table).includes(c))
            .map(([c, v]) => [c, hide(t.table, r.key, c, v)]),
        ),
      })),
    })),
  }));
  const versions = new Map<string, TableVersion[]>();
  for (const [table, list] of history.versions) {
    const marks = markedVersions.get(table);
    versions.set(
      table,
      list.map((v, i) => (marks?.has(i) ? { ...v, withheld: marks.get(i)! } : v)),
    );
  }
  const head = { ...history.head, subject: subject(history.head.subject) };
  return {
    history: { ...history, head, commits, versions, records: buildTimelines(commits) },
    records,
    unmatched: rules.filter((r) => !matched.has(r)),
  };
}

/**
 * The same rules applied to one diff (`npm run diff`): the old side's values of a named field
 * (or of every field of a removed record) are withheld when they differ from the new side.
 * A diff has no commit dates, so `until` is not applied here: the diff withholds more, never less.
 */
export function redactDiff(diff: TableDiff, rules: readonly Withholding[]): TableDiff {
  const here = rules.filter((r) => r.table === diff.table);
  if (here.length === 0) return diff;
  const find = (key: readonly string[], column: string | undefined) =>
    here.find((r) => keyId(r.key) === keyId(key) && (r.column === undefined || r.column === column));
  return {
    ...diff,
    changed: diff.changed.map((c) => ({
      ...c,
      fields: c.fields.map((f) => {
        const rule = find(c.key, f.column);
        return rule && f.from !== '' && rule.column !== undefined ? { ...f, from: withheldText(rule.reason) } : f;
      }),
    })),
    removed: diff.removed.map((r) => {
      const whole = here.find((x) => keyId(x.key) === keyId(r.key) && x.column === undefined);
      const values = Object.fromEntries(
        Object.entries(r.values)
          .filter(([c]) => !whole || keyColumns(diff.table).includes(c))
          .map(([c, v]) => {
            const rule = find(r.key, c);
            return [c, rule && v !== '' && !keyColumns(diff.table).includes(c) ? withheldText(rule.reason) : v];
          }),
      );
      return { ...r, values };
    }),
  };
}

/**
 * Rules from the raw cells of redactions.csv rows (as `npm run diff` reads a version of the
 * file); rows the validator would refuse (unknown table, key of the wrong form, no reason) are
 * left out.
 */
export function withholdingsFromCells(rows: ReadonlyArray<Readonly<Record<string, string>>>): Withholding[] {
  const tables = new Set<string>(REDACTABLE_TABLES);
  return rows.flatMap((r, i) => {
    const table = r.table ?? '';
    if (!tables.has(table) || !r.reason) return [];
    const key = redactionKeyParts(r.key ?? '', DATA_TABLES[table as DataTableName].primaryKey.length);
    if (!key || key.some((k) => k === '')) return [];
    return [{ table, key, ...(r.column ? { column: r.column } : {}), ...(r.until ? { until: r.until } : {}), reason: r.reason, line: i + 2 }];
  });
}
