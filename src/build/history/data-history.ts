/**
 * The one git reader (Node): the data's history and the day each file last changed, both from
 * HEAD's first-parent history (a merged pull request counts at its merge commit, with the
 * changes of its whole branch) and dated by the committer date, through one `git log`
 * invocation (`firstParentLog`), so a /data/ card's "最近更新" and its newest version agree.
 *
 * For each commit that changed a table of DATA_DIR, the record changes
 * (src/lib/history/record-diff.ts) with the commit's date, ids and subject, and each record's
 * timeline (src/lib/history/record-history.ts); `lastChange(path)` gives the day a file (a
 * table, a plan) last changed, for the "数据更新于" of pages, /data/ and datapackage.json.
 *
 * I/O stays behind two small pieces: `gitRepo()` (where the data folder sits in a repository,
 * or why there is no usable history: no git, not a repository, a shallow clone, no commit) and
 * `openBlobReader()` (one long-running `git cat-file --batch` process for every file version).
 * Diffs are cached on disk by blob pair (HISTORY_CACHE_DIR, default
 * node_modules/.cache/gushan-history/), under a key that changes with the schemas and the diff
 * code, so a rebuild reads only the versions it has not compared before.
 *
 * The past is not trusted (src/lib/history/history-screen.ts): commit ids and dates come from git's own
 * fields of a NUL-separated log, each checked, subjects only ever become displayed text; keys of
 * old versions that would not validate today, or that fold onto another, are left out after the
 * cache and reported once each (`warn`, the build log; `DataHistory.warnings`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { config } from '../config.ts';
import { ALL_TABLES } from '../../schemas/index.ts';
import { columnNames, type AnyTable, columnTitle } from '../../schemas/table.ts';
import { cleanSubject, commitDate, logText, screenKeys, skippedKeyMessage } from '../../lib/history/history-screen.ts';
import { diffKeys, keyLine, readSnapshot, type Snapshot } from '../../lib/history/record-diff.ts';
import {
  buildTimelines,
  compactChange,
  isEmptyChange,
  type CommitRef,
  type DataHistory,
  type HistoryCommit,
  type TableChange,
  type TableVersion,
} from '../../lib/history/record-history.ts';
import { dayOf, isoDate } from '../../lib/dates.ts';

/** Bump when the diff's meaning or the cached shape changes: old cache entries are then ignored. */
const DIFF_VERSION = 2;
const ZERO = /^0+$/;
/** Commits whose file versions are asked of git ahead of need (a few MB at most). */
const PREFETCH = 4;

export type GitRepo = { ok: true; top: string; prefix: string; shallow: boolean } | { ok: false; reason: string };

/**
 * Where `dir` sits in a git repository with full history, or why its history cannot be read.
 * A shallow clone is refused unless `allowShallow` (then `shallow` says it is one).
 */
export function gitRepo(dir: string, git = 'git', options: { allowShallow?: boolean } = {}): GitRepo {
  if (!existsSync(dir)) return { ok: false, reason: `数据文件夹 ${dir} 不存在` };
  const r = spawnSync(git, ['rev-parse', '--is-shallow-repository', '--show-toplevel', '--show-prefix'], { cwd: dir, encoding: 'utf8' });
  if (r.error)
    return {
      ok: false,
      reason: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? '没有安装 git，读不到数据的修改历史' : `无法运行 git：${r.error.message}`,
    };
  if (r.status !== 0) return { ok: false, reason: '数据文件夹不在 git 仓库中（例如下载的压缩包），没有修改历史' };
  const [shallow, top, prefix = ''] = r.stdout.split('\n');
  if (shallow === 'true' && !options.allowShallow)
    return {
      ok: false,
      reason:
        '这是浅克隆（shallow clone），只有最近的提交，修改历史不完整；完整克隆（git clone 不加 --depth，或 actions/checkout 设 fetch-depth: 0）后才能显示',
    };
  const head = spawnSync(git, ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  if (head.status !== 0) return { ok: false, reason: '仓库还没有任何提交，没有修改历史' };
  return { ok: true, top: top!, prefix, shallow: shallow === 'true' };
}

/** Blob ids of files at a commit (paths relative to the repository's top); a file absent there is left out. */
export function blobsAt(top: string, commit: string, paths: readonly string[], git = 'git'): Map<string, string> {
  const r = spawnSync(git, ['ls-tree', '-z', commit, '--', ...paths], { cwd: top, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ls-tree ${commit}: ${r.stderr.trim()}`);
  const out = new Map<string, string>();
  for (const entry of r.stdout.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

export interface BlobReader {
  /** The bytes of a blob, or undefined when the repository does not have it. */
  read(blob: string): Promise<Uint8Array | undefined>;
  close(): void;
}

/** One `git cat-file --batch` process answering every read, in order. */
export function openBlobReader(cwd: string, git = 'git'): BlobReader {
  const proc = spawn(git, ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
  type Waiting = { resolve: (b: Uint8Array | undefined) => void; reject: (e: Error) => void };
  const queue: Waiting[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // The blob being received: its buffer and how much of it has arrived.
  let body: { buf: Buffer; got: number } | undefined;
  let failed: Error | undefined;

  const takePending = (): Buffer => {
    const b = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return b;
  };
  const pump = () => {
    for (;;) {
      if (body) {
        if (pendingBytes === 0) return;
        const chunk = takePending();
        const need = body.buf.length + 1 - body.got; // the content and its trailing LF
        const use = Math.min(need, chunk.length);
        chunk.copy(body.buf, body.got, 0, Math.min(use, body.buf.length - body.got));
        body.got += use;
        if (use < chunk.length) {
          pending = [chunk.subarray(use)];
          pendingBytes = chunk.length - use;
        }
        if (body.got < body.buf.length + 1) return;
        const done = body.buf;
        body = undefined;
        queue.shift()?.resolve(new Uint8Array(done.buffer, done.byteOffset, done.length));
        continue;
      }
      if (pendingBytes === 0) return;
      const all = takePending();
      const nl = all.indexOf(10);
      if (nl < 0) {
        pending = [all];
        pendingBytes = all.length;
        return;
      }
      const header = all.subarray(0, nl).toString('utf8');
      const rest = all.subarray(nl + 1);
      if (rest.length > 0) {
        pending = [rest];
        pendingBytes = rest.length;
      }
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) {
        queue.shift()?.resolve(undefined); // "<id> missing" (or ambiguous)
        continue;
      }
      body = { buf: Buffer.allocUnsafe(Number(m[2])), got: 0 };
    }
  };
  proc.stdout.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    pendingBytes += chunk.length;
    pump();
  });
  const fail = (e: Error) => {
    failed = e;
    for (const w of queue.splice(0)) w.reject(e);
  };
  proc.on('error', fail);
  proc.on('exit', (code) => {
    if (queue.length > 0) fail(new Error(`git cat-file ended (${code})`));
  });
  return {
    read(blob) {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => {
        queue.push({ resolve, reject });
        proc.stdin.write(`${blob}\n`);
      });
    },
    close() {
      proc.stdin.end();
    },
  };
}

/** A key for the cache that changes when a table's columns or titles change, or the diff code. */
function cacheSalt(def: AnyTable): string {
  const cols = columnNames(def).map((c) => `${c}=${columnTitle(def, c)}`);
  return createHash('sha256')
    .update(JSON.stringify([DIFF_VERSION, def.name, def.primaryKey, cols]))
    .digest('hex')
    .slice(0, 16);
}

interface Cache {
  get(def: AnyTable, from: string | undefined, to: string | undefined): TableChange | undefined;
  set(def: AnyTable, from: string | undefined, to: string | undefined, change: TableChange): void;
}

function diskCache(dir: string | undefined): Cache {
  const salts = new Map<string, string>();
  const file = (def: AnyTable, from: string | undefined, to: string | undefined) => {
    let salt = salts.get(def.name);
    if (!salt) salts.set(def.name, (salt = cacheSalt(def)));
    return join(dir!, `${def.name}-${salt}`, `${from ?? 'none'}-${to ?? 'none'}.json`);
  };
  if (!dir) return { get: () => undefined, set: () => {} };
  return {
    get(def, from, to) {
      try {
        return JSON.parse(readFileSync(file(def, from, to), 'utf8')) as TableChange;
      } catch {
        return undefined;
      }
    },
    set(def, from, to, change) {
      const f = file(def, from, to);
      try {
        mkdirSync(join(f, '..'), { recursive: true });
        // Written whole then renamed, so a build stopped half-way leaves no broken entry.
        const tmp = `${f}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(change));
        renameSync(tmp, f);
      } catch {
        /* a read-only cache folder only costs time */
      }
    },
  };
}

export interface HistoryOptions {
  /** The data folder (DATA_DIR). */
  dataDir: string;
  /** Folder of the diff cache; false: no cache. Default HISTORY_CACHE_DIR or node_modules/.cache/gushan-history (src/build/config.ts). */
  cacheDir?: string | false;
  git?: string;
  tables?: readonly AnyTable[];
  /** Where each warning (a key left out, a date not believed) is written; default console.warn (the build log). */
  warn?: (message: string) => void;
}

export interface HistoryStats {
  /** File versions read from git (cache misses read both sides of a pair at most). */
  blobsRead: number;
  cacheHits: number;
  cacheMisses: number;
}

interface RawCommit {
  id: string;
  /** Committer date from git's fields, or undefined when it is not believable (see commitDate). */
  date: string | undefined;
  /** The date as git printed it, for the report when it is not believable. */
  rawDate: string;
  files: Array<{ path: string; from: string | undefined; to: string | undefined }>;
}

/** A commit's header: its id, then git's date fields, which may be anything for a hand-made commit object (checked by commitDate). */
const HEADER = /^([0-9a-f]{40}) (\S*) (.*)$/s;
const RAW = /^\n?:\d{6} \d{6} ([0-9a-f]{40}) ([0-9a-f]{40}) [A-Z]\d*$/;

/**
 * Parses `git log -z --raw --format=%H %ct %cI`: NUL-separated fields, a commit's header then,
 * for each file, its raw line and its path. Nothing in it is free text but the paths, each read
 * as the field after its raw line; commit subjects are not in it (see `subjects`).
 */
export function parseRawLog(out: string, now = Date.now()): RawCommit[] {
  const fields = out.split('\0');
  const commits: RawCommit[] = [];
  let current: RawCommit | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const raw = RAW.exec(f);
    if (raw) {
      const path = fields[++i];
      if (current && path !== undefined)
        current.files.push({ path, from: ZERO.test(raw[1]!) ? undefined : raw[1], to: ZERO.test(raw[2]!) ? undefined : raw[2] });
      continue;
    }
    const head = HEADER.exec(f.trim());
    if (head) commits.push((current = { id: head[1]!, date: commitDate(head[2]!, head[3]!, now), rawDate: head[3]!, files: [] }));
    else if (f.trim() !== '') throw new Error(`无法识别的 git log 输出：${logText(f.slice(0, 80))}`);
  }
  return commits;
}

/**
 * The one `git log` of this reader: the commits of HEAD's first-parent history that touched
 * `pathspec` (relative to `cwd`), newest first, each with its id, committer date and file
 * changes (`--raw`: without a format of its own, `--diff-merges` prints patches); `options`
 * adds git's own (`--reverse`, `-1`). A merge counts as the change from its first parent: a
 * merged pull request is dated at its merge, never at the older commits of its branch (plain
 * `git log -- path` follows the branch and gives those).
 */
export function firstParentLog(cwd: string, pathspec: string, options: readonly string[] = [], git = 'git'): RawCommit[] {
  const r = spawnSync(
    git,
    [
      '-c',
      'core.quotePath=false',
      'log',
      '-z',
      '--first-parent',
      '--diff-merges=first-parent',
      '--raw',
      '--no-renames',
      '--no-abbrev',
      '--format=%H %ct %cI',
      ...options,
      'HEAD',
      '--',
      pathspec,
    ],
    { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`git log: ${r.stderr}`);
  return parseRawLog(r.stdout);
}

/** Commits of HEAD's first-parent history that touched the data folder, oldest first, with their file changes. */
function logCommits(top: string, prefix: string, git: string): RawCommit[] {
  return firstParentLog(top, prefix === '' ? '.' : prefix, ['--reverse'], git);
}

/**
 * The short id and subject of each commit: `git log -z --format=%H %h%x00%s`, so each commit is
 * two NUL-terminated fields, the first checked by its form; a subject cannot hold a NUL (git
 * ends it there), so it can only ever be the text of its own field.
 */
function subjects(top: string, args: readonly string[], git: string): Map<string, { short: string; subject: string }> {
  const r = spawnSync(git, ['log', '-z', '--format=%H %h%x00%s', ...args], { cwd: top, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const out = new Map<string, { short: string; subject: string }>();
  if (r.status !== 0) return out;
  const fields = r.stdout.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const m = /^([0-9a-f]{40}) ([0-9a-f]{4,40})$/.exec(fields[i]!);
    if (!m) break; // never expected: the pairs would be out of step, so trust none after it
    out.set(m[1]!, { short: m[2]!, subject: cleanSubject(fields[i + 1]!) });
  }
  return out;
}

/**
 * Commit refs with believable dates: a commit whose own date is not believable takes the date
 * of the nearest later commit that has one (never earlier than the truth when dates are
 * honest: a change is not shown as published before it was), else the nearest earlier one;
 * each such commit is reported.
 */
function datedRefs(raw: readonly RawCommit[], names: Map<string, { short: string; subject: string }>, warn: (m: string) => void): CommitRef[] | undefined {
  const refs: CommitRef[] = [];
  let next: string | undefined;
  const later: Array<string | undefined> = new Array(raw.length);
  for (let k = raw.length - 1; k >= 0; k--) later[k] = next = raw[k]!.date ?? next;
  let before: string | undefined;
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k]!;
    const name = names.get(c.id) ?? { short: c.id.slice(0, 7), subject: '' };
    let date = c.date;
    if (date === undefined) {
      date = later[k] ?? before;
      if (date === undefined) return undefined;
      warn(
        `数据修改历史：提交 ${name.short} 的提交日期“${logText(c.rawDate.slice(0, 40))}”不可信（早于 2005 年 git 问世、晚于现在，或无法读取），按${later[k] !== undefined ? '后面' : '前面'}最近一个提交的日期 ${dayOf(date)} 计。`,
      );
    } else before = date;
    refs.push({ id: c.id, short: name.short, date, subject: name.subject });
  }
  return refs;
}

/**
 * The history of the records of `dataDir`; "unavailable", with the reason in Chinese, when git
 * is missing, the folder is not in a repository, or the clone is shallow. Never throws for
 * those; a repository that git itself cannot read is reported as unavailable too.
 */
export async function readDataHistory(options: HistoryOptions, stats?: HistoryStats): Promise<DataHistory> {
  return (await readHistory(options, stats, true))!;
}

/**
 * Compares the versions the diff cache does not hold yet and writes them to it, keeping nothing
 * else: what a build runs on a thread of its own while the data is checked
 * (src/build/history/warm-up.ts), so that readDataHistory then finds every pair compared.
 */
export async function compareVersions(options: HistoryOptions, stats?: HistoryStats): Promise<void> {
  await readHistory(options, stats, false);
}

/** The history, or with `keep` false only the diff cache filled (undefined). */
async function readHistory(options: HistoryOptions, stats: HistoryStats | undefined, keep: boolean): Promise<DataHistory | undefined> {
  const git = options.git ?? 'git';
  const repo = gitRepo(options.dataDir, git);
  if (!repo.ok) return { available: false, reason: repo.reason };
  const tables = options.tables ?? ALL_TABLES;
  const byPath = new Map(tables.map((t) => [`${repo.prefix}${t.name}.csv`, t]));
  let raw: RawCommit[];
  try {
    raw = logCommits(repo.top, repo.prefix, git);
  } catch (e) {
    return { available: false, reason: `读取 git 历史失败：${(e as Error).message.trim()}` };
  }
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    (options.warn ?? ((w: string) => console.warn(w)))(m);
  };
  const pathspec = repo.prefix === '' ? '.' : repo.prefix;
  const refs = datedRefs(raw, subjects(repo.top, ['--first-parent', 'HEAD', '--', pathspec], git), warn);
  if (!refs) return { available: false, reason: '数据文件的每个提交的日期都不可信（早于 2005 年或晚于现在），无法排出修改历史' };
  let head: CommitRef;
  try {
    const h = spawnSync(git, ['log', '-1', '-z', '--format=%H %ct %cI', 'HEAD'], { cwd: repo.top, encoding: 'utf8' });
    const [own] = parseRawLog(h.stdout);
    if (h.status !== 0 || !own) throw new Error(h.stderr);
    const name = subjects(repo.top, ['-1', 'HEAD'], git).get(own.id) ?? { short: own.id.slice(0, 7), subject: '' };
    const date = own.date ?? refs.at(-1)?.date;
    if (date === undefined)
      return { available: false, reason: `最新提交 ${name.short} 的提交日期“${logText(own.rawDate.slice(0, 40))}”不可信，无法排出修改历史` };
    if (own.date === undefined && raw.at(-1)?.id !== own.id)
      warn(`数据修改历史：最新提交 ${name.short} 的提交日期“${logText(own.rawDate.slice(0, 40))}”不可信，按最近一个修改数据的提交的日期 ${dayOf(date)} 计。`);
    head = { id: own.id, short: name.short, date, subject: name.subject };
  } catch (e) {
    return { available: false, reason: `读取 git 历史失败：${logText((e as Error).message.trim())}` };
  }

  const cache = diskCache(options.cacheDir === false ? undefined : resolve(options.cacheDir ?? config().historyCacheDir));
  const counts = stats ?? { blobsRead: 0, cacheHits: 0, cacheMisses: 0 };
  let reader: BlobReader | undefined;
  // The last readable version of each table (undefined blob: no file yet), and its parsed form when known.
  const lastReadable = new Map<string, string | undefined>();
  const parsed = new Map<string, { blob: string | undefined; snap: Snapshot }>();
  // Reads asked for ahead of need, so that git reads the next versions while this one is compared.
  const inflight = new Map<string, Promise<Uint8Array | undefined>>();
  const fetchBlob = (blob: string) => {
    let p = inflight.get(blob);
    if (!p) {
      reader ??= openBlobReader(repo.top, git);
      inflight.set(blob, (p = reader.read(blob)));
    }
    return p;
  };
  const snapshotOf = async (def: AnyTable, blob: string | undefined): Promise<Snapshot> => {
    const known = parsed.get(def.name);
    if (known && known.blob === blob) return known.snap;
    if (blob === undefined) return readSnapshot(def, undefined);
    const bytes = await fetchBlob(blob);
    inflight.delete(blob);
    counts.blobsRead++;
    return bytes === undefined ? { ok: false, reason: `git 仓库中没有这一版文件（${blob.slice(0, 7)}）` } : readSnapshot(def, bytes);
  };

  const commits: HistoryCommit[] = [];
  const versions = new Map<string, TableVersion[]>();
  try {
    for (let ci = 0; ci < raw.length; ci++) {
      const c = raw[ci]!;
      const ref = refs[ci]!;
      const changes: TableChange[] = [];
      const touched = c.files.filter((f) => byPath.has(f.path)).sort((a, b) => tables.indexOf(byPath.get(a.path)!) - tables.indexOf(byPath.get(b.path)!));
      for (const f of touched) {
        const def = byPath.get(f.path)!;
        if (f.to !== undefined) {
          let list = versions.get(def.name);
          if (!list) versions.set(def.name, (list = []));
          list.push({ commit: ref, blob: f.to, path: f.path });
        }
        const from = lastReadable.has(def.name) ? lastReadable.get(def.name) : undefined;
        let change = cache.get(def, from, f.to);
        if (change) counts.cacheHits++;
        else {
          counts.cacheMisses++;
          for (const next of raw.slice(ci + 1, ci + 1 + PREFETCH))
            for (const n of next.files) if (n.to !== undefined && byPath.has(n.path)) void fetchBlob(n.to).catch(() => undefined);
          const before = await snapshotOf(def, from);
          const after = await snapshotOf(def, f.to);
          change = compactChange(diffKeys(def, before, after), f.path, f.to);
          cache.set(def, from, f.to, change);
          if (after.ok) parsed.set(def.name, { blob: f.to, snap: after });
        }
        // The path and the commit's own blob are facts of this commit, not of the cached pair.
        change = { ...change, path: f.path };
        if (f.to === undefined) delete change.blob;
        else change.blob = f.to;
        if (change.unreadable?.side !== 'new') lastReadable.set(def.name, f.to);
        if (keep && !isEmptyChange(change)) changes.push(change);
      }
      if (changes.length > 0) commits.push({ ...ref, tables: changes });
    }
    if (!keep) return undefined;
    // Keys that may not become records are left out, each reported once with its line.
    const screened = screenKeys(commits, tables);
    for (const s of screened.skipped) {
      const def = tables.find((t) => t.name === s.table);
      const bytes = s.blob === undefined || !def ? undefined : await fetchBlob(s.blob).catch(() => undefined);
      warn(skippedKeyMessage(s, def && bytes ? keyLine(def, bytes, s.key) : undefined));
    }
    return { available: true, head, commits: screened.commits, versions, records: buildTimelines(screened.commits), warnings };
  } catch (e) {
    return { available: false, reason: `读取 git 历史失败：${(e as Error).message}` };
  } finally {
    inflight.clear();
    reader?.close();
  }
}

/** The commits at the edge of a shallow clone (git keeps them in a file); empty for a full clone. */
const boundaries = new Map<string, Set<string>>();
function shallowBoundary(cwd: string, git: string): Set<string> {
  const r = spawnSync(git, ['rev-parse', '--git-path', 'shallow'], { cwd, encoding: 'utf8' });
  const file = resolve(cwd, r.stdout.trim());
  let ids = boundaries.get(file);
  if (!ids) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      /* no such file: not shallow */
    }
    boundaries.set(file, (ids = new Set(text.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)))));
  }
  return ids;
}

/** A file's last change: its day, and whether git gave it (else the file's modification time). */
interface LastChange {
  day: string | undefined;
  fromGit: boolean;
}
const lastChanges = new Map<string, LastChange>();
const repos = new Map<string, GitRepo>();
/** Per folder: the newest commit that touched each file in it (paths relative to the repository's top), from one `git log`. */
const folderLogs = new Map<string, Map<string, RawCommit>>();

/**
 * One first-parent log of a folder serves the last change of every file in it: a commit lists
 * (`--raw`, against its first parent) the files it changed, so the newest commit listing a file
 * is the one `git log -1 -- file` names. One git process per folder rather than per file: each
 * spawn forks the whole build process.
 */
function newestByFile(dir: string, git: string): Map<string, RawCommit> {
  let newest = folderLogs.get(dir);
  if (!newest) {
    newest = new Map();
    for (const commit of firstParentLog(dir, '.', [], git)) for (const f of commit.files) if (!newest.has(f.path)) newest.set(f.path, commit);
    folderLogs.set(dir, newest);
  }
  return newest;
}

/**
 * The day a file last changed: that of the last commit of HEAD's first-parent history that
 * touched it (`firstParentLog`, as the data's history dates its versions), else (a file git
 * does not know, no git, not a repository) its modification time; undefined when git's answer
 * cannot be trusted. In a shallow clone the oldest commit present stands for all the history
 * cut away (git sees every file "added" there), so a file last changed at or before it has no
 * known date (the data's history is not read at all there); a commit whose committer date is
 * not believable (src/lib/history/history-screen.ts commitDate) gives none either. Pages then
 * say the date is not known (UPDATED_UNKNOWN) rather than a wrong one. Cached per path.
 */
export function lastChange(path: string, git = 'git'): string | undefined {
  return lastChangeOf(path, git).day;
}

/**
 * The day of the last commit that changed a file, as `lastChange`, but never a modification
 * time: what a claim that a dataset is overdue may rest on (a fresh clone's files are all new).
 */
export function lastCommitDay(path: string, git = 'git'): string | undefined {
  const { day, fromGit } = lastChangeOf(path, git);
  return fromGit ? day : undefined;
}

function lastChangeOf(path: string, git: string): LastChange {
  const file = resolve(path);
  let found = lastChanges.get(file);
  if (!found) lastChanges.set(file, (found = lookUp(file, git)));
  return found;
}

function lookUp(file: string, git: string): LastChange {
  const dir = dirname(file);
  let repo = repos.get(dir);
  if (!repo) repos.set(dir, (repo = gitRepo(dir, git, { allowShallow: true })));
  let last: RawCommit | undefined;
  if (repo.ok) {
    try {
      last = newestByFile(dir, git).get(`${repo.prefix}${basename(file)}`);
    } catch {
      /* git cannot read this repository: the file time */
    }
  }
  if (!last) return { day: isoDate(statSync(file).mtime), fromGit: false };
  if (repo.ok && repo.shallow && shallowBoundary(dir, git).has(last.id)) return { day: undefined, fromGit: true };
  return { day: last.date === undefined ? undefined : dayOf(last.date), fromGit: true };
}
