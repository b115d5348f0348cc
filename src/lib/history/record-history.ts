/**
 * The data's history as records: the shapes the git reader (src/build/history/data-history.ts) returns,
 * each record's timeline (first appeared, each change, removed with its last content) built
 * from the commits' diffs. Pure (no Node APIs).
 */
import { keyId, type FieldChange, type RecordRow, type TableDiff } from './record-diff.ts';

export interface CommitRef {
  /** Full commit id. */
  id: string;
  /** Abbreviated commit id, as git prints it. */
  short: string;
  /** Committer date, ISO 8601 with the committer's offset, e.g. 2019-03-02T10:00:00+08:00. */
  date: string;
  /** First line of the commit message. */
  subject: string;
}

/** What a commit did to one table, kept small: keys of added rows, full content of removed ones. */
export interface TableChange {
  table: string;
  /** Path of the file in the repository, e.g. data/problems.csv. */
  path: string;
  /** Blob id of the new version (undefined: the file was deleted). */
  blob?: string;
  added: string[][];
  removed: RecordRow[];
  changed: Array<{ key: string[]; fields: FieldChange[] }>;
  columns: { added: string[]; removed: string[] };
  unreadable?: { side: 'old' | 'new'; reason: string };
  notes: string[];
}

export interface HistoryCommit extends CommitRef {
  /** Tables whose records (or header) this commit changed, in the order of the schemas. */
  tables: TableChange[];
}

/** One version of a table's file: the commit that wrote it. */
export interface TableVersion {
  commit: CommitRef;
  blob: string;
  path: string;
  /** Set when this version holds a value withheld by redactions.csv (its reason): no page links to it. */
  withheld?: string;
}

export type RecordEvent =
  | { kind: 'added'; commit: CommitRef }
  | { kind: 'changed'; commit: CommitRef; fields: FieldChange[] }
  | { kind: 'removed'; commit: CommitRef; last: Record<string, string> };

export interface RecordTimeline {
  table: string;
  key: string[];
  /** The commit in which the record first appeared. */
  firstSeen: CommitRef;
  /** Oldest first. A record removed and added again has both events. */
  events: RecordEvent[];
  /** Set while the record is removed: when, and its last published content. */
  removed?: { commit: CommitRef; last: Record<string, string> };
}

export type DataHistory =
  | {
      available: true;
      /** The commit the history was read at (HEAD). */
      head: CommitRef;
      /** Commits that changed the records, oldest first (first-parent history of HEAD). */
      commits: HistoryCommit[];
      /** Every version of each table's file, oldest first (also those that changed no record). */
      versions: Map<string, TableVersion[]>;
      /** Per table, per record (by keyId of its key), its timeline. */
      records: Map<string, Map<string, RecordTimeline>>;
      /**
       * What the reader left out or did not believe, in Chinese, as written to the build log: keys
       * of old versions that may not become records (src/lib/history/history-screen.ts), commit dates
       * replaced by a neighbour's.
       */
      warnings?: string[];
    }
  | { available: false; reason: string };

/** Keeps what history needs of a diff: keys of added rows instead of their content. */
export function compactChange(diff: TableDiff, path: string, blob: string | undefined): TableChange {
  const change: TableChange = {
    table: diff.table,
    path,
    added: diff.added.map((r) => r.key),
    removed: diff.removed,
    changed: diff.changed.map((c) => ({ key: c.key, fields: c.fields })),
    columns: diff.columns,
    notes: diff.notes,
  };
  if (blob !== undefined) change.blob = blob;
  if (diff.unreadable) change.unreadable = diff.unreadable;
  return change;
}

/** Whether a change reports nothing (a file re-saved with only its BOM or line ends changed). */
export function isEmptyChange(c: TableChange): boolean {
  return (
    c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0 && c.columns.added.length === 0 && c.columns.removed.length === 0 && !c.unreadable
  );
}

/** Each record's timeline, from the commits oldest first. */
export function buildTimelines(commits: readonly HistoryCommit[]): Map<string, Map<string, RecordTimeline>> {
  const all = new Map<string, Map<string, RecordTimeline>>();
  for (const commit of commits) {
    const ref: CommitRef = { id: commit.id, short: commit.short, date: commit.date, subject: commit.subject };
    for (const t of commit.tables) {
      let table = all.get(t.table);
      if (!table) all.set(t.table, (table = new Map()));
      for (const key of t.added) {
        const id = keyId(key);
        const known = table.get(id);
        if (known) {
          known.events.push({ kind: 'added', commit: ref });
          delete known.removed;
        } else table.set(id, { table: t.table, key, firstSeen: ref, events: [{ kind: 'added', commit: ref }] });
      }
      for (const c of t.changed) {
        const id = keyId(c.key);
        let known = table.get(id);
        // A record the history did not see appear (its earlier version was unreadable): it is known from here on.
        if (!known) table.set(id, (known = { table: t.table, key: c.key, firstSeen: ref, events: [] }));
        known.events.push({ kind: 'changed', commit: ref, fields: c.fields });
      }
      for (const r of t.removed) {
        const id = keyId(r.key);
        let known = table.get(id);
        if (!known) table.set(id, (known = { table: t.table, key: r.key, firstSeen: ref, events: [] }));
        known.events.push({ kind: 'removed', commit: ref, last: r.values });
        known.removed = { commit: ref, last: r.values };
      }
    }
  }
  return all;
}

/** The timeline of one record (a single key value, or the values of a composite key). */
export function timelineOf(history: DataHistory, table: string, key: string | readonly string[]): RecordTimeline | undefined {
  if (!history.available) return undefined;
  return history.records.get(table)?.get(keyId(typeof key === 'string' ? [key] : key));
}

/**
 * A table's timelines grouped by their first key column, each group ordered by key: an
 * enterprise's ratings, an indicator's observations. Built once per history, so that a record
 * page looks up its related records instead of scanning the table (quadratic over a site).
 */
export function timelinesByFirstKey(history: DataHistory, table: string): Map<string, RecordTimeline[]> {
  const groups = new Map<string, RecordTimeline[]>();
  if (!history.available) return groups;
  for (const t of history.records.get(table)?.values() ?? []) {
    const first = t.key[0] ?? '';
    const group = groups.get(first);
    if (group) group.push(t);
    else groups.set(first, [t]);
  }
  for (const group of groups.values()) group.sort((a, b) => (keyId(a.key) < keyId(b.key) ? -1 : 1));
  return groups;
}
