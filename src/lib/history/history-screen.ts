/**
 * What the history reader (src/build/history/data-history.ts) trusts of the past, and what it does not.
 * Pure (no Node APIs).
 *
 * - **Keys.** A key read from an old version becomes a route, a folder and an anchor only if it
 *   would validate today: each key column's own check (the schema's column parser, the one the
 *   validator runs), at most HISTORY_KEY_MAX characters, and route-safe (letters, digits and
 *   `-_.+`, no `/`, `%`, `..`, spaces or control characters). Keys that fold to the same text
 *   (letter case and Unicode NFKC: two folders on Windows and macOS) keep one: the record
 *   present at HEAD, else the one seen first. The rows of any other key are left out of the
 *   history, each key reported once (`screenKeys`).
 * - **Commits.** Ids and dates come from git's own fields (`%H`, `%ct`, `%cI`), each checked
 *   (`commitDate`); the subject only ever becomes displayed text (`cleanSubject`).
 */
import { columnMetaOf, columnTitle, type AnyTable } from '../../schemas/table.ts';
import { showValue } from '../validation/issues.ts';
import { keyId, keyOfId } from './record-diff.ts';
import { isEmptyChange, type CommitRef, type HistoryCommit, type TableChange } from './record-history.ts';
import { DAY_MS, dayMs, dayOf } from '../dates.ts';

/** Longest key the history makes a page of (characters). */
export const HISTORY_KEY_MAX = 64;
/** Letters and digits, with - _ . + between them: no path separator, no percent, no dot segment. */
const ROUTE_SAFE = /^[\p{L}\p{N}](?:[\p{L}\p{N}._+-]*[\p{L}\p{N}])?$/u;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Text safe to print in a terminal or a log: control and format characters written as \uXXXX. */
export function logText(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A value quoted in a message: one line, shortened, control characters made visible. */
const quoted = (v: string) => `“${logText(showValue(v, 40))}”`;

/** The text two keys share when they would name the same folder on a case-insensitive system. */
export function foldKey(key: readonly string[]): string {
  return keyId(key.map((k) => k.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC')));
}

/** Why a key read from an old version may not become a record of the history; undefined when it may. */
export function keyProblem(def: AnyTable, key: readonly string[]): string | undefined {
  // A key read back from its keyId (keyOfId) has a part too many when a value held the separator, a control character.
  if (key.length !== def.primaryKey.length) {
    const titles = def.primaryKey.map((c) => columnMetaOf(def, c)?.title ?? c).join('+');
    return `${titles}${quoted(keyId(key))}含有不能用在网址中的字符（编号只能由字母、数字和 - _ . + 组成）`;
  }
  for (let i = 0; i < def.primaryKey.length; i++) {
    const column = def.primaryKey[i]!;
    const value = key[i] ?? '';
    const meta = columnMetaOf(def, column);
    const title = meta?.title ?? column;
    if (meta) {
      const r = meta.parse(value);
      if (!r.ok) return `${title}${logText(r.message)}`;
      if (value === '') continue; // an optional key column left empty (redactions' column): the check allowed it
    }
    const length = [...value].length;
    if (length > HISTORY_KEY_MAX) return `${title}${quoted(value)}太长（${length} 字，编号不能超过 ${HISTORY_KEY_MAX} 字）`;
    if (!ROUTE_SAFE.test(value)) return `${title}${quoted(value)}含有不能用在网址中的字符（编号只能由字母、数字和 - _ . + 组成）`;
  }
  return undefined;
}

/** A key left out of the history, and where it first appeared. */
export interface SkippedKey {
  table: string;
  key: string[];
  /** Why, in Chinese (the value quoted). */
  reason: string;
  /** The commit in which the key first appeared, and the file. */
  commit: CommitRef;
  path: string;
  /** The version of the file that holds the row (to find its line); undefined when not known. */
  blob: string | undefined;
}

interface Seen {
  key: string[];
  order: number;
  commit: CommitRef;
  path: string;
  blob: string | undefined;
}

/**
 * The commits without the rows of keys that may not become records (`keyProblem`, or folding to
 * the same text as another key of the table), and those keys, each once, in the order they
 * first appeared. Table changes and commits left with nothing to report are dropped.
 */
export function screenKeys(commits: readonly HistoryCommit[], tables: readonly AnyTable[]): { commits: HistoryCommit[]; skipped: SkippedKey[] } {
  const defs = new Map(tables.map((t) => [t.name, t]));
  const seen = new Map<string, Map<string, Seen>>();
  const alive = new Map<string, Set<string>>();
  const lastBlob = new Map<string, string | undefined>();
  let order = 0;
  for (const c of commits) {
    const ref: CommitRef = { id: c.id, short: c.short, date: c.date, subject: c.subject };
    for (const t of c.tables) {
      let keys = seen.get(t.table);
      if (!keys) seen.set(t.table, (keys = new Map()));
      let live = alive.get(t.table);
      if (!live) alive.set(t.table, (live = new Set()));
      const see = (key: string[], blob: string | undefined) => {
        const id = keyId(key);
        if (!keys.has(id)) keys.set(id, { key, order: order++, commit: ref, path: t.path, blob });
        return id;
      };
      for (const id of t.added) live.add(see(keyOfId(id), t.blob));
      for (const ch of t.changed) live.add(see(ch.key, t.blob));
      for (const r of t.removed) live.delete(see(r.key, lastBlob.get(t.table)));
      if (t.unreadable?.side !== 'new') lastBlob.set(t.table, t.blob);
    }
  }
  const skipped: SkippedKey[] = [];
  const bad = new Map<string, Set<string>>();
  for (const [table, keys] of seen) {
    const def = defs.get(table);
    const out = new Set<string>();
    bad.set(table, out);
    const skip = (id: string, s: Seen, reason: string) => {
      out.add(id);
      skipped.push({ table, key: s.key, reason, commit: s.commit, path: s.path, blob: s.blob });
    };
    const groups = new Map<string, Array<[string, Seen]>>();
    for (const [id, s] of keys) {
      const problem = def ? keyProblem(def, s.key) : undefined;
      if (problem !== undefined) {
        skip(id, s, problem);
        continue;
      }
      const fold = foldKey(s.key);
      const group = groups.get(fold);
      if (group) group.push([id, s]);
      else groups.set(fold, [[id, s]]);
    }
    const live = alive.get(table)!;
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const [keepId, keep] = group.find(([id]) => live.has(id)) ?? group[0]!;
      const title = def ? def.primaryKey.map((c) => columnTitle(def, c)).join('+') : '编号';
      for (const [id, s] of group) {
        if (id === keepId) continue;
        skip(
          id,
          s,
          `${title}${quoted(s.key.join('+'))}与${quoted(keep.key.join('+'))}只差字母大小写或全角/半角（在不区分大小写的系统上是同一个文件夹），只保留${live.has(keepId) ? '现有的' : '先出现的'}${quoted(keep.key.join('+'))}`,
        );
      }
    }
  }
  skipped.sort((a, b) => seen.get(a.table)!.get(keyId(a.key))!.order - seen.get(b.table)!.get(keyId(b.key))!.order);
  if (skipped.length === 0) return { commits: [...commits], skipped };
  const out: HistoryCommit[] = [];
  for (const c of commits) {
    const tablesLeft: TableChange[] = [];
    for (const t of c.tables) {
      const drop = bad.get(t.table);
      const keep = (key: readonly string[]) => !drop?.has(keyId(key));
      const kept: TableChange = {
        ...t,
        added: t.added.filter((id) => !drop?.has(id)),
        changed: t.changed.filter((ch) => keep(ch.key)),
        removed: t.removed.filter((r) => keep(r.key)),
      };
      if (!isEmptyChange(kept)) tablesLeft.push(kept);
    }
    if (tablesLeft.length > 0) out.push({ ...c, tables: tablesLeft });
  }
  return { commits: out, skipped };
}

/** The build-log line for a key left out of the history. */
export function skippedKeyMessage(s: SkippedKey, line: number | undefined): string {
  const where = line === undefined ? s.path : `${s.path} 第 ${line} 行`;
  return `数据修改历史：${where}（提交 ${s.commit.short}，${dayOf(s.commit.date)}）中${s.reason}，不能作为记录的编号。这条记录的这些旧版本不列入修改历史，也不生成页面；其余的修改历史照常显示，现在的数据不受影响。`;
}

/** Git's first public release (2005-04-07): no commit of a real history is older. */
const GIT_EPOCH_MS = dayMs('2005-04-07');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;
/** Clock skew allowed between the committer's machine and this one. */
const FUTURE_MS = DAY_MS;

/**
 * A committer date from git's fields (`%ct` seconds, `%cI` strict ISO): the ISO text when both
 * agree, it is well-formed, and it lies between git's first release and a day from `now`;
 * undefined otherwise (a forged or absurd date).
 */
export function commitDate(seconds: string, iso: string, now = Date.now()): string | undefined {
  if (!/^\d{1,12}$/.test(seconds) || !ISO_DATE.test(iso)) return undefined;
  const ms = Number(seconds) * 1000;
  if (Date.parse(iso) !== ms) return undefined;
  if (ms < GIT_EPOCH_MS || ms > now + FUTURE_MS) return undefined;
  return iso;
}

/** Longest subject shown (characters). */
const SUBJECT_MAX = 200;

/** A commit subject as displayed text: control and format characters become spaces, one line, shortened. */
export function cleanSubject(s: string): string {
  const one = s.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...one];
  return chars.length > SUBJECT_MAX ? `${chars.slice(0, SUBJECT_MAX).join('')}…` : one;
}
