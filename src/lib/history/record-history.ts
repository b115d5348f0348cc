/**
 * The data's history as records: the shapes the git reader (src/build/history/data-history.ts) returns,
 * each record's timeline (first appeared, each change, removed with its last content) built
 * from the commits' diffs. Pure (no Node APIs).
 */
import { keyId, keyOfId, type FieldChange, type RecordRow, type TableDiff } from './record-diff.ts';

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
  /** The keyIds (keyId) of the rows added, in the order of the new file; keyOfId gives a key back. */
  added: string[];
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
      records: Map<string, Timelines>;
      /**
       * What the reader left out or did not believe, in Chinese, as written to the build log: keys
       * of old versions that may not become records (src/lib/history/history-screen.ts), commit dates
       * replaced by a neighbour's.
       */
      warnings?: string[];
    }
  | { available: false; reason: string };

/** Keeps what history needs of a diff (diffKeys): keyIds of added rows instead of their content. */
export function compactChange(diff: Omit<TableDiff, 'added'> & { added: string[] }, path: string, blob: string | undefined): TableChange {
  const change: TableChange = {
    table: diff.table,
    path,
    added: diff.added,
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

/**
 * One table's timelines, by keyId of each record's key. Most records were added once and never
 * touched again (all but a few thousand of a million ratings): those are kept as the commit that
 * added them, and their timeline is made when asked for, so that the history held through a
 * build grows by a map entry per record rather than by the five objects of a timeline.
 */
export class Timelines {
  /** A record's timeline, or for a record only added once, that commit. Enumerable, so that two tables' equality is their content's. */
  readonly stored = new Map<string, RecordTimeline | CommitRef>();
  readonly table: string;
  constructor(table: string) {
    this.table = table;
  }

  get size(): number {
    return this.stored.size;
  }

  has(id: string): boolean {
    return this.stored.has(id);
  }

  get(id: string): RecordTimeline | undefined {
    const v = this.stored.get(id);
    return v === undefined ? undefined : this.#timeline(id, v);
  }

  /** The keyIds, in the order the records first appeared. */
  keys(): IterableIterator<string> {
    return this.stored.keys();
  }

  /** Every timeline, in the order the records first appeared (made as they are read). */
  *values(): IterableIterator<RecordTimeline> {
    for (const [id, v] of this.stored) yield this.#timeline(id, v);
  }

  /** The timelines of records changed, removed or added again since they first appeared (a removed record's among them). */
  *touched(): IterableIterator<RecordTimeline> {
    for (const v of this.stored.values()) if ('events' in v) yield v;
  }

  /** The timeline to which a later event of the record is added (made whole from here on). */
  whole(id: string, key: string[], ref: CommitRef): RecordTimeline {
    const v = this.stored.get(id);
    if (v !== undefined && 'events' in v) return v;
    const t: RecordTimeline = v === undefined ? { table: this.table, key, firstSeen: ref, events: [] } : this.#timeline(id, v);
    this.stored.set(id, t);
    return t;
  }

  /** A record seen for the first time, added by `ref`. */
  addNew(id: string, ref: CommitRef): void {
    this.stored.set(id, ref);
  }

  #timeline(id: string, v: RecordTimeline | CommitRef): RecordTimeline {
    return 'events' in v ? v : { table: this.table, key: keyOfId(id), firstSeen: v, events: [{ kind: 'added', commit: v }] };
  }
}

/** Each record's timeline, from the commits oldest first. */
export function buildTimelines(commits: readonly HistoryCommit[]): Map<string, Timelines> {
  const all = new Map<string, Timelines>();
  for (const commit of commits) {
    const ref: CommitRef = { id: commit.id, short: commit.short, date: commit.date, subject: commit.subject };
    for (const t of commit.tables) {
      let table = all.get(t.table);
      if (!table) all.set(t.table, (table = new Timelines(t.table)));
      for (const id of t.added) {
        if (table.has(id)) {
          const known = table.whole(id, keyOfId(id), ref);
          known.events.push({ kind: 'added', commit: ref });
          delete known.removed;
        } else table.addNew(id, ref);
      }
      // A record the history did not see appear (its earlier version was unreadable) is known from its first change or removal on.
      for (const c of t.changed) table.whole(keyId(c.key), c.key, ref).events.push({ kind: 'changed', commit: ref, fields: c.fields });
      for (const r of t.removed) {
        const known = table.whole(keyId(r.key), r.key, ref);
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
 * page looks up its related records instead of scanning the table (quadratic over a site); the
 * groups hold keyIds, and a group's timelines are made when it is asked for.
 */
export class TimelineGroups {
  readonly #groups = new Map<string, string[]>();
  readonly #timelines: Timelines | undefined;
  constructor(timelines: Timelines | undefined) {
    this.#timelines = timelines;
    for (const id of timelines?.keys() ?? []) {
      const first = keyOfId(id)[0] ?? '';
      const group = this.#groups.get(first);
      if (group) group.push(id);
      else this.#groups.set(first, [id]);
    }
    for (const group of this.#groups.values()) group.sort();
  }

  get size(): number {
    return this.#groups.size;
  }

  keys(): IterableIterator<string> {
    return this.#groups.keys();
  }

  /** The timelines of the records whose first key column is `first`, ordered by key; undefined when there are none. */
  get(first: string): RecordTimeline[] | undefined {
    return this.#groups.get(first)?.map((id) => this.#timelines!.get(id)!);
  }
}

export function timelinesByFirstKey(history: DataHistory, table: string): TimelineGroups {
  return new TimelineGroups(history.available ? history.records.get(table) : undefined);
}
