/**
 * Shrinks the file a reader's browser must fetch before the first search: Pagefind's
 * `pagefind.<lang>_<hash>.pf_meta`.
 *
 * Why: the meta file lists every indexed page as [fragment hash, word count, fragment group].
 * The hashes are random (7 hex characters plus "zh-cn_", and "zh-cn_group_" plus 7 for the
 * group), so gzip cannot shrink them, and every visitor pays for the file before the first result. Only the entries' uniqueness matters to Pagefind's
 * search code (it looks a fragment up by its key inside the group file it fetches), so once
 * fragments are grouped (`maxFragments`), each group is renamed to a short sequential name
 * and each page to its group's name plus its place in the group (sizes: README, "Scale").
 * Results, scores and excerpts are unchanged (test/e2e/pagefind-compact.test.ts).
 *
 * Cache safety: Pagefind names every file by its content so a browser never mixes files of
 * two builds. The new group names carry a token taken from the original meta hash, which
 * depends on the whole index, and the meta file gets a new content hash, so that still holds.
 *
 * Safety against a Pagefind upgrade: the meta file is rewritten only if re-encoding what was
 * read reproduces it byte for byte, and every group file must hold exactly the pages the meta
 * file assigns to it; otherwise the index is left as Pagefind wrote it and the reason is
 * returned, so a new format costs bytes, never a broken search.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decode, encode } from 'cborg';

const SIGNATURE = Buffer.from('pagefind_dcd');

export interface CompactResult {
  /** Languages whose meta file was rewritten. */
  compacted: string[];
  /** Why a language was left alone (no groups, unknown format…). */
  skipped: string[];
  metaBytesBefore: number;
  metaBytesAfter: number;
}

interface Entry {
  languages: Record<string, { hash: string; wasm?: string | null; page_count?: number }>;
  [k: string]: unknown;
}

function unpack(file: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${file}: no Pagefind signature`);
  return raw.subarray(SIGNATURE.length);
}

function pack(body: Uint8Array): Buffer {
  return gzipSync(Buffer.concat([SIGNATURE, body]), { level: 9 });
}

const base36 = (n: number) => n.toString(36);

/** A failure while writing the new files: a real error, not a format to skip. */
class WriteError extends Error {}

/** Rewrites one language's meta and fragment groups, or says why it did not. */
function compactLanguage(dir: string, entry: Entry, lang: string): { ok: true; before: number; after: number } | { ok: false; reason: string } {
  const info = entry.languages[lang]!;
  const metaFile = join(dir, `pagefind.${info.hash}.pf_meta`);
  const body = unpack(metaFile);
  const meta: unknown = decode(body);
  if (!Buffer.from(encode(meta)).equals(body)) return { ok: false, reason: `${lang}: 索引格式与预期不同（重新编码不一致）` };
  if (!Array.isArray(meta) || !Array.isArray(meta[1])) return { ok: false, reason: `${lang}: 索引格式与预期不同` };
  const pages = meta[1] as unknown[];
  if (
    !pages.every(
      (p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number' && (p.length === 2 || (p.length === 3 && typeof p[2] === 'string')),
    )
  ) {
    return { ok: false, reason: `${lang}: 页面条目格式与预期不同` };
  }
  const entries = pages as Array<[string, number, string?]>;
  if (!entries.some((p) => p[2])) return { ok: false, reason: `${lang}: 片段未分组，无需压缩` };

  // The token ties the new names to this index: a different index has a different meta hash.
  const token = info.hash.slice(lang.length + 1, lang.length + 5);
  const groupName = new Map<string, string>();
  const members = new Map<string, Map<string, string>>();
  const renamed = entries.map(([hash, words, group]) => {
    if (!group) return [hash, words] as const;
    let name = groupName.get(group);
    if (!name) {
      name = `${token}${base36(groupName.size)}`;
      groupName.set(group, name);
      members.set(group, new Map());
    }
    const inGroup = members.get(group)!;
    const id = `${name}.${base36(inGroup.size)}`;
    inGroup.set(hash, id);
    return [id, words, name] as const;
  });

  // Read and check every group before writing anything.
  const rewritten = new Map<string, Buffer>();
  for (const [group, ids] of members) {
    const fragments = JSON.parse(unpack(join(dir, 'fragment', `${group}.pf_fragment`)).toString('utf8')) as Record<string, unknown>;
    const keys = Object.keys(fragments);
    if (keys.length !== ids.size || !keys.every((k) => ids.has(k))) return { ok: false, reason: `${lang}: 片段组 ${group} 与索引不符` };
    const next: Record<string, unknown> = {};
    for (const k of keys) next[ids.get(k)!] = fragments[k];
    rewritten.set(groupName.get(group)!, pack(Buffer.from(JSON.stringify(next), 'utf8')));
  }

  const newMeta = pack(encode([meta[0], renamed, ...meta.slice(2)]));
  const newHash = `${lang}_${createHash('sha256').update(newMeta).digest('hex').slice(0, 13)}`;
  const before = readFileSync(metaFile).length;
  try {
    for (const [name, bytes] of rewritten) writeFileSync(join(dir, 'fragment', `${name}.pf_fragment`), bytes);
    for (const group of members.keys()) rmSync(join(dir, 'fragment', `${group}.pf_fragment`));
    const tmp = join(dir, `pagefind.${newHash}.pf_meta.tmp`);
    writeFileSync(tmp, newMeta);
    renameSync(tmp, join(dir, `pagefind.${newHash}.pf_meta`));
    if (newHash !== info.hash) rmSync(metaFile);
  } catch (e) {
    throw new WriteError('写入失败', { cause: e });
  }
  info.hash = newHash;
  return { ok: true, before, after: newMeta.length };
}

/** Compacts every language of the Pagefind bundle in `dir` (the `pagefind/` output folder). */
export function compactPagefindIndex(dir: string): CompactResult {
  const entryFile = join(dir, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as Entry;
  const result: CompactResult = { compacted: [], skipped: [], metaBytesBefore: 0, metaBytesAfter: 0 };
  for (const lang of Object.keys(entry.languages)) {
    let r: ReturnType<typeof compactLanguage>;
    try {
      r = compactLanguage(dir, entry, lang);
    } catch (e) {
      // Only reading throws here (a file that is not what Pagefind writes): nothing was written yet.
      if (e instanceof WriteError) throw e.cause;
      r = { ok: false, reason: `${lang}: 索引文件无法读取（${(e as Error).message}）` };
    }
    if (r.ok) {
      result.compacted.push(lang);
      result.metaBytesBefore += r.before;
      result.metaBytesAfter += r.after;
    } else result.skipped.push(r.reason);
  }
  if (result.compacted.length > 0) writeFileSync(entryFile, JSON.stringify(entry));
  return result;
}
