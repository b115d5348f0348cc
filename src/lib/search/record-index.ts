/**
 * The record index: problems, enterprises and villages found by name, title, id or code, built
 * from the validated rows (never from rendered HTML, never from the history, so a value withheld
 * by redactions.csv cannot enter it: current values are never withheld). A static, sharded data
 * structure read in the browser with plain fetches; Pagefind stays for prose. Pure: the build
 * (src/build/search/record-index.ts) writes what `buildRecordIndex` returns, the browser calls
 * `searchRecords` with a loader of those files.
 *
 * Format, version 2 (RECORD_INDEX_VERSION; a change to any file's shape raises it). Every file is
 * JSON; paths are relative to the index's folder. Version 2 added the list pages' sections as
 * records, the filter terms and the manifest's `facets`.
 *
 * - `manifest.json`: `{ format: "gushan-record-index", version, normalisation, records,
 *   recordsPerFile, recordFiles, shards, villages, facets }`. `normalisation` is
 *   NORMALISATION_VERSION: the build and the browser must fold text the same way, so a reader
 *   refuses another one. `villages` is `[id, name][]` (the whole list: the search page suggests
 *   a village from it); records name their village by its position in it. `facets` is
 *   `{ key: { value: count } }` for the filter keys (FACET_KEYS), the search page's options.
 * - `records/<n>.json`: the records `n * recordsPerFile` … `(n + 1) * recordsPerFile - 1`, each
 *   `[type, key, title, path, village, state, excerpt]`: type `problem` | `enterprise` |
 *   `village` | `section` (a list page's section, list-sections.ts); key the id or USCC as
 *   written, for a section `#` and its path; title the problem's title or the name; path the
 *   record page, site-relative without the base (`problems/GS-2017-001/`, `credit/#warn-h`); village the position in
 *   `villages` (a village's own for a village) or -1; state the problem's status or the
 *   enterprise's latest rating colour, else ""; excerpt the start of the problem's description or
 *   the enterprise's industry. Records are numbered in the order of their folded keys (then
 *   type), so a key prefix is a run of numbers.
 * - `keys.json`: the folded key of the first record of each records file, for prefix lookups of
 *   ids and codes (only id-like queries load it).
 * - `terms/<s>.json`: `{ term: [names, texts] }`, every term whose hash (termShard) is s, in
 *   the order JSON gives an object's keys (integer-like terms first, then the others sorted). A
 *   term is an overlapping pair of characters (bigram) of folded text, spaces removed; a text of
 *   one character is its own term; and `=` with the hash of a whole folded name, for exact
 *   matches. `names` lists the records whose title or name holds the term, `texts` those whose
 *   other searched text holds it (problem descriptions and measures, rating reasons), each as
 *   ascending record numbers written as differences from the previous one (the first from 0).
 *   A filter term `@key:value` (facetTerm) lists in `names` the records with that filter value:
 *   type (问题, 企业, 村（社区）, 栏目), status, rating (latest colour), village (name; 全镇 for a
 *   problem of no village), year (a problem's reported year).
 *
 * A query is folded the same way. Filters are the union of their values' filter terms, intersected
 * across keys; with no query, the records they allow are the results. An id-like query (letters, digits, hyphens) is looked up by
 * prefix in the records files `keys.json` points to; when it is a whole id or code, that is all
 * it loads. Any other query loads the shards of its exact-name term and of a cover of its
 * bigrams (non-overlapping pairs and the last one, leaving out the sample marker and 有限公司 that
 * every enterprise has: any record whose name holds the query holds these). Name candidates are
 * verified against the record's title; text candidates hold every pair of the cover but are not
 * verified (the full texts are not shipped), so they rank last. Ids are not cut into pairs: an id
 * shares its digit pairs with every other id, which would make those terms' lists as long as
 * the tables. A query of one character finds only names of one character.
 */
import type { ProblemStatus, Rating } from '../../schemas/enums.ts';
import type { PickRow } from '../../schemas/index.ts';
import { latestByEnterprise } from '../ratings.ts';
import { toSimplified } from './zh-variants.ts';
import { sectionPath, type ListSection } from './list-sections.ts';

export const RECORD_INDEX_FORMAT = 'gushan-record-index';
export const RECORD_INDEX_VERSION = 2;
/** Raised whenever `fold` changes: an index folded one way cannot be queried folded another. */
export const NORMALISATION_VERSION = 1;
/** Records per records file: a result list loads the files of its records only. */
export const RECORDS_PER_FILE = 64;
/**
 * Estimated bytes of JSON per term shard the shard count aims at. The count follows the size of
 * the postings rather than the number of records, since long descriptions add terms a name does
 * not; a name query loads about half as many shards as its length in characters, so they are
 * kept small: a full enterprise name's shards fit the search page's budget for a name query on a
 * fresh page (README, "Scale"). Lists of very common pairs are long but compress to little (differences of 1).
 */
export const SHARD_TARGET_BYTES = 6_000;
/** Characters of a problem's description kept as its excerpt. */
export const EXCERPT_CHARS = 60;

export const RECORD_TYPES = ['problem', 'enterprise', 'village', 'section'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Each record type as the search page's type filter names it (Pagefind's pages use the same key). */
export const RECORD_TYPE_LABELS: Readonly<Record<RecordType, string>> = { problem: '问题', enterprise: '企业', village: '村（社区）', section: '栏目' };

/** The filters records carry, by the search page's filter keys. */
export const FACET_KEYS = ['type', 'status', 'rating', 'village', 'year'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
/** The village filter's value for a problem of the whole town (no village), as problem pages say it. */
export const TOWN_WIDE = '全镇';

/** The term of a filter value: `@key:value`, longer than any pair of characters, so never one. */
export const facetTerm = (key: string, value: string): string => `@${key}:${value}`;

/** A record as a result shows it. */
export interface IndexedRecord {
  type: RecordType;
  key: string;
  title: string;
  /** The record's page, site-relative without the base. */
  path: string;
  /** Village id and name, if the record has one. */
  village?: { id: string; name: string };
  /** A problem's status or an enterprise's latest rating colour; "" otherwise. */
  state: string;
  excerpt: string;
}

type RecordRow = [type: RecordType, key: string, title: string, path: string, village: number, state: string, excerpt: string];

export interface RecordIndexManifest {
  format: typeof RECORD_INDEX_FORMAT;
  version: number;
  normalisation: number;
  records: number;
  recordsPerFile: number;
  recordFiles: number;
  shards: number;
  villages: Array<[id: string, name: string]>;
  /** Filter key → value → how many records have it: the search page's filter options. */
  facets: Record<string, Record<string, number>>;
}

/**
 * Text as the index compares it: NFKC (full-width letters, digits and brackets to their
 * half-width forms), traditional characters to simplified ones (the table of zh-variants.ts,
 * whose scope is the common characters of environmental and government texts), Latin letters
 * lower-cased, runs of white space as one space, trimmed.
 */
export function fold(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Folded text without spaces: what terms are cut from and queries are compared with. */
export const compact = (text: string): string => fold(text).replace(/ /g, '');

/** The overlapping character pairs of a compact text (a text of one character is its own term). */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return [chars[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Pairs that cover a compact text: at 0, 2, 4, … and the last pair, so every character is in one. */
export function coverBigrams(text: string): string[] {
  const all = bigrams(text);
  if (all.length <= 1) return all;
  const out = new Set<string>();
  for (let i = 0; i < all.length; i += 2) out.add(all[i]!);
  out.add(all.at(-1)!);
  return [...out];
}

/**
 * The pairs a query is looked up by: the cover of each run of it between the sample marker and
 * 有限公司, which every enterprise's name holds and so tell no record apart (their shards are
 * still found by a query of nothing else). Every record whose name holds the query holds these.
 */
export function queryCover(q: string): string[] {
  const pieces = q.split(/\(示例\)|(?:股份)?有限(?:责任)?公司/).filter((p) => [...p].length >= 2);
  const terms = new Set(pieces.flatMap(coverBigrams));
  return terms.size > 0 ? [...terms] : coverBigrams(q);
}

/** FNV-1a over UTF-16 code units: small, the same in Node and browsers. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The shard a term lives in. */
export const termShard = (term: string, shards: number): number => fnv1a(term) % shards;

/** A whole name as compared for an exact match: without the sample marker and 有限公司 (as the search page's ranking does). */
export function wholeName(text: string): string {
  return compact(text)
    .replace(/^\(示例\)/, '')
    .replace(/(股份)?有限(责任)?公司/, '');
}

/** The term of an exact name: its hash, since the name itself would repeat every title in the shards. */
export const exactTerm = (text: string): string => `=${fnv1a(wholeName(text)).toString(36)}`;

/** Whether a query is looked up as an id or code prefix. */
export const isIdLike = (q: string): boolean => /^[0-9a-z][0-9a-z-]+$/.test(q);

export interface RecordIndexInput {
  problems: ReadonlyArray<PickRow<'problems', 'id' | 'title' | 'description' | 'measures' | 'status' | 'village' | 'reported'>>;
  enterprises: ReadonlyArray<PickRow<'enterprises', 'uscc' | 'name' | 'industry' | 'village'>>;
  ratings: ReadonlyArray<PickRow<'credit-ratings', 'uscc' | 'period' | 'rating' | 'reason'>>;
  villages: ReadonlyArray<PickRow<'villages', 'id' | 'name'>>;
  /** The list pages' sections (list-sections.ts); none if absent. */
  sections?: readonly ListSection[];
  /** Objections and replies: their text is searched as the answered record's (a rating's as its enterprise's). */
  responses?: ReadonlyArray<PickRow<'responses', 'table' | 'key' | 'text'>>;
}

const PATHS: Record<Exclude<RecordType, 'section'>, string> = { problem: 'problems', enterprise: 'credit', village: 'villages' };
/** The record page, as src/lib/urls.ts writes it (problemUrl, enterpriseUrl, villageUrl) without the base. */
export const recordPath = (type: Exclude<RecordType, 'section'>, key: string): string => `${PATHS[type]}/${encodeURIComponent(key)}/`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function excerptOf(text: string | undefined): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  const chars = [...t];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : t;
}

/** The files of the index, by path relative to its folder, as JSON text; the same rows give the same bytes. */
export function buildRecordIndex(input: RecordIndexInput): Map<string, string> {
  const villageList = [...input.villages].map((v) => [v.id, v.name] as [string, string]).sort((a, b) => cmp(a[0], b[0]));
  const villageAt = new Map(villageList.map(([id], i) => [id, i]));
  const latest = latestByEnterprise(input.ratings);
  const reasons = new Map<string, string[]>();
  for (const r of input.ratings) if (r.reason) reasons.set(r.uscc, [...(reasons.get(r.uscc) ?? []), r.reason]);
  const answers = new Map<string, string[]>();
  for (const r of input.responses ?? []) {
    const owner = r.table === 'problems' ? `problem:${r.key}` : `enterprise:${r.key.split('+')[0] ?? ''}`;
    answers.set(owner, [...(answers.get(owner) ?? []), r.text]);
  }

  interface Entry {
    row: RecordRow;
    sortKey: string;
    names: string[];
    texts: string[];
    facets: Array<[FacetKey, string]>;
  }
  const entries: Entry[] = [];
  const villageName = new Map(villageList);
  const add = (
    type: RecordType,
    key: string,
    title: string,
    village: string | undefined,
    state: string,
    excerpt: string,
    texts: string[],
    extra: Array<[FacetKey, string]> = [],
  ) => {
    const facets: Array<[FacetKey, string]> = [['type', RECORD_TYPE_LABELS[type]], ...extra];
    const vName = village === undefined ? undefined : villageName.get(village);
    if (vName !== undefined) facets.push(['village', vName]);
    entries.push({
      row: [
        type,
        key,
        title,
        type === 'section' ? key.slice(1) : recordPath(type, key),
        village === undefined ? -1 : (villageAt.get(village) ?? -1),
        state,
        excerpt,
      ],
      sortKey: compact(key),
      names: [title],
      texts,
      facets,
    });
  };
  for (const p of input.problems) {
    const extra: Array<[FacetKey, string]> = [
      ['status', p.status],
      ['year', p.reported.slice(0, 4)],
    ];
    if (p.village === undefined) extra.push(['village', TOWN_WIDE]);
    add(
      'problem',
      p.id,
      p.title,
      p.village,
      p.status,
      excerptOf(p.description),
      [p.description, p.measures ?? '', ...(answers.get(`problem:${p.id}`) ?? [])],
      extra,
    );
  }
  for (const e of input.enterprises) {
    const rating = latest.get(e.uscc)?.rating;
    add(
      'enterprise',
      e.uscc,
      e.name,
      e.village,
      rating ?? '',
      e.industry,
      [...(reasons.get(e.uscc) ?? []), ...(answers.get(`enterprise:${e.uscc}`) ?? [])],
      rating ? [['rating', rating]] : [],
    );
  }
  // A village's page is in its own village, for the village filter.
  for (const v of input.villages) add('village', v.id, v.name, v.id, '', '', []);
  // A section's key is `#` and its path: never taken for an id (isIdLike) and sorted apart from them.
  for (const s of input.sections ?? []) add('section', `#${sectionPath(s)}`, s.name, undefined, '', `${s.pageName}：${s.text}`, [s.text, ...s.words]);
  entries.sort((a, b) => cmp(a.sortKey, b.sortKey) || RECORD_TYPES.indexOf(a.row[0]) - RECORD_TYPES.indexOf(b.row[0]));

  // term → [record numbers with it in a name, … in other text]; numbers ascend as records are visited in order.
  const postings = new Map<string, [number[], number[]]>();
  const post = (term: string, n: number, field: 0 | 1) => {
    let p = postings.get(term);
    if (!p) postings.set(term, (p = [[], []]));
    if (p[field].at(-1) !== n) p[field].push(n);
  };
  entries.forEach((e, n) => {
    const named = new Set<string>();
    for (const name of e.names) {
      for (const t of bigrams(compact(name))) named.add(t);
      named.add(exactTerm(name));
    }
    // In any order: a term's list gets each record once, in the records' order, and each shard is sorted by term below.
    for (const t of named) post(t, n, 0);
    const texts = new Set<string>();
    for (const text of e.texts) for (const t of bigrams(compact(text))) if (!named.has(t)) texts.add(t);
    for (const t of texts) post(t, n, 1);
    for (const [k, v] of e.facets) post(facetTerm(k, v), n, 0);
  });
  const facets: Record<string, Record<string, number>> = {};
  for (const k of FACET_KEYS) {
    const values = [...new Set(entries.flatMap((e) => e.facets.filter((f) => f[0] === k).map((f) => f[1])))].sort(cmp);
    if (values.length > 0) facets[k] = Object.fromEntries(values.map((v) => [v, postings.get(facetTerm(k, v))![0].length]));
  }

  // Shards from the size of what they hold, so a shard stays small however long the texts are.
  let estimate = 0;
  for (const [term, [a, b]] of postings) estimate += term.length * 3 + 8 + (a.length + b.length) * 3;
  const shards = Math.max(1, Math.ceil(estimate / SHARD_TARGET_BYTES));
  const byShard: Array<Array<[string, [number[], number[]]]>> = Array.from({ length: shards }, () => []);
  for (const [term, lists] of postings) byShard[termShard(term, shards)]!.push([term, lists]);

  const files = new Map<string, string>();
  const recordFiles = Math.ceil(entries.length / RECORDS_PER_FILE);
  const manifest: RecordIndexManifest = {
    format: RECORD_INDEX_FORMAT,
    version: RECORD_INDEX_VERSION,
    normalisation: NORMALISATION_VERSION,
    records: entries.length,
    recordsPerFile: RECORDS_PER_FILE,
    recordFiles,
    shards,
    villages: villageList,
    facets,
  };
  files.set('manifest.json', JSON.stringify(manifest));
  const firstKeys: string[] = [];
  for (let f = 0; f < recordFiles; f++) {
    const part = entries.slice(f * RECORDS_PER_FILE, (f + 1) * RECORDS_PER_FILE);
    firstKeys.push(part[0]!.sortKey);
    files.set(`records/${f}.json`, JSON.stringify(part.map((e) => e.row)));
  }
  files.set('keys.json', JSON.stringify(firstKeys));
  const deltas = (list: number[]) => list.map((n, i) => n - (i === 0 ? 0 : list[i - 1]!));
  byShard.forEach((terms, s) => {
    terms.sort((a, b) => cmp(a[0], b[0]));
    const obj: Record<string, [number[], number[]]> = {};
    for (const [term, [a, b]] of terms) obj[term] = [deltas(a), deltas(b)];
    files.set(`terms/${s}.json`, JSON.stringify(obj));
  });
  return files;
}

// ——— Reading ———

/** Loads one file of the index (a path relative to its folder) and gives its parsed JSON. */
export type IndexLoader = (file: string) => Promise<unknown>;

export interface SearchOptions {
  /** Results wanted (default 20). */
  limit?: number;
  types?: readonly RecordType[];
  /** Village ids. */
  villages?: readonly string[];
  /** Problem statuses: other record types do not pass. */
  statuses?: readonly ProblemStatus[];
  /** Latest rating colours: other record types do not pass. */
  ratings?: readonly Rating[];
  /**
   * Filters by the search page's keys (FACET_KEYS): a record passes if, for each key given, it
   * has one of the values. With no query, the records these filters select are the results.
   */
  facets?: Readonly<Partial<Record<FacetKey, readonly string[]>>>;
}

/** Why a record was found, best first. */
export const MATCH_TIERS = ['exact', 'name', 'prefix', 'text', 'filter'] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

export interface RecordResult {
  record: IndexedRecord;
  /** exact: the whole title, name, id or code; name: in the title or name; prefix: the start of the id or code; text: every pair of characters in a searched text; filter: chosen by the filters alone (no query). */
  match: MatchTier;
}

export interface RecordSearch {
  results: RecordResult[];
  /** Whether more records matched than were returned. */
  more: boolean;
}

function isManifest(x: unknown): x is RecordIndexManifest {
  return typeof x === 'object' && x !== null && (x as { format?: unknown }).format === RECORD_INDEX_FORMAT;
}

/** A session with one index: each file is asked of the loader once. */
function cachedLoader(load: IndexLoader): IndexLoader {
  const files = new Map<string, Promise<unknown>>();
  return (file) => {
    let p = files.get(file);
    if (!p) files.set(file, (p = load(file)));
    return p;
  };
}

const undelta = (list: readonly number[]): number[] => {
  let n = 0;
  return list.map((d) => (n += d));
};

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * The records a query names, best first: exact titles, names, ids and codes; then records whose
 * title or name holds the query; then ids and codes that start with it; then records whose
 * descriptions, measures or rating reasons hold every pair of its characters (those a name held
 * only in pieces too). Within a tier, in the order of their keys. Loads the manifest, keys.json
 * and the records files of the key range for an id-like query, the shards of the query's terms
 * unless it is a whole id or code, and the records files of the results it looks at; nothing else.
 */
export async function searchRecords(query: string, load: IndexLoader, opts: SearchOptions = {}): Promise<RecordSearch> {
  const limit = opts.limit ?? 20;
  const get = cachedLoader(load);
  const manifest = await get('manifest.json');
  if (!isManifest(manifest) || manifest.version !== RECORD_INDEX_VERSION || manifest.normalisation !== NORMALISATION_VERSION) {
    throw new Error(`record index: expected ${RECORD_INDEX_FORMAT} version ${RECORD_INDEX_VERSION}, normalisation ${NORMALISATION_VERSION}`);
  }
  const q = compact(query);
  const wanted = wholeName(query);
  const empty: RecordSearch = { results: [], more: false };

  const recordAt = async (n: number): Promise<IndexedRecord> => {
    const rows = (await get(`records/${Math.floor(n / manifest.recordsPerFile)}.json`)) as RecordRow[];
    const [type, key, title, path, village, state, excerpt] = rows[n % manifest.recordsPerFile]!;
    const v = manifest.villages[village];
    return { type, key, title, path, ...(v ? { village: { id: v[0], name: v[1] } } : {}), state, excerpt };
  };
  const postingsOf = async (term: string): Promise<[number[], number[]] | undefined> => {
    const shard = (await get(`terms/${termShard(term, manifest.shards)}.json`)) as Record<string, [number[], number[]]>;
    const p = Object.hasOwn(shard, term) ? shard[term] : undefined;
    return p ? [undelta(p[0]), undelta(p[1])] : undefined;
  };
  // The records the filters allow: for each key, those with one of its values.
  const facetKeys = Object.entries(opts.facets ?? {}).filter((e): e is [string, readonly string[]] => e[1] !== undefined && e[1].length > 0);
  let allowed: Set<number> | undefined;
  if (facetKeys.length > 0) {
    const perKey = await Promise.all(
      facetKeys.map(async ([k, values]) => (await Promise.all(values.map((v) => postingsOf(facetTerm(k, v))))).map((p) => p?.[0] ?? []).reduce(union, [])),
    );
    allowed = new Set(perKey.reduce(intersect));
  }
  if (q === '' && !allowed) return empty;

  const passes = (r: IndexedRecord, n: number) =>
    (!allowed || allowed.has(n)) &&
    (!opts.types || opts.types.includes(r.type)) &&
    (!opts.villages || (r.village !== undefined && opts.villages.includes(r.village.id))) &&
    (!opts.statuses || (r.type === 'problem' && (opts.statuses as readonly string[]).includes(r.state))) &&
    (!opts.ratings || (r.type === 'enterprise' && (opts.ratings as readonly string[]).includes(r.state)));

  const seen = new Set<string>();
  const results: RecordResult[] = [];
  let more = false;
  /** Adds a record if it passes the filters and is new; false once the list is full. */
  const take = (record: IndexedRecord, n: number, match: MatchTier): boolean => {
    const id = `${record.type}:${record.key}`;
    if (seen.has(id) || !passes(record, n)) return true;
    if (results.length >= limit) {
      more = true;
      return false;
    }
    seen.add(id);
    results.push({ record, match });
    return true;
  };

  // Ids and codes by prefix: the records files whose key range can hold the prefix, in order,
  // until one more record than the list can take has passed the filters.
  const prefixed: Array<[IndexedRecord, number]> = [];
  let wholeKey = false;
  if (q === '') {
    // Filters alone: the records they allow, in key order.
    for (const n of [...allowed!].sort((a, b) => a - b)) if (!take(await recordAt(n), n, 'filter')) break;
    return { results, more };
  }
  if (isIdLike(q)) {
    const keys = (await get('keys.json')) as string[];
    let f = 0;
    while (f + 1 < keys.length && keys[f + 1]! < q) f++;
    scan: for (; f < keys.length; f++) {
      if (keys[f]! > q && !keys[f]!.startsWith(q)) break;
      const rows = (await get(`records/${f}.json`)) as RecordRow[];
      for (let i = 0; i < rows.length; i++) {
        const k = compact(rows[i]![1]);
        if (k > q && !k.startsWith(q)) break scan;
        if (!k.startsWith(q)) continue;
        if (k === q) wholeKey = true;
        const n = f * manifest.recordsPerFile + i;
        const r = await recordAt(n);
        if (passes(r, n)) prefixed.push([r, n]);
        if (prefixed.length > limit) break scan;
      }
    }
  }

  // A whole id or code stands for its record: names and texts are not searched for it, which
  // spares the shards of its digit pairs. Otherwise the records whose names hold every pair of
  // the cover, and those whose names and texts together do, with the shards fetched in parallel.
  let names: number[] = [];
  let all: number[] = [];
  let exact: number[] = [];
  if (!wholeKey) {
    const cover = queryCover(q);
    const terms = [...cover, ...(wanted ? [exactTerm(query)] : [])];
    await Promise.all([...new Set(terms.map((t) => termShard(t, manifest.shards)))].map((s) => get(`terms/${s}.json`)));
    const lists = await Promise.all(cover.map(postingsOf));
    if (lists.length > 0 && lists.every((l) => l !== undefined)) {
      names = lists.map((l) => l[0]).reduce(intersect);
      all = lists.map((l) => union(l[0], l[1])).reduce(intersect);
    }
    if (wanted) exact = (await postingsOf(exactTerm(query)))?.[0] ?? [];
  }

  const done = () => ({ results, more });
  // Candidates the filters rule out are not even read.
  const open = (n: number) => !allowed || allowed.has(n);
  for (const [r, n] of prefixed) if (compact(r.key) === q && !take(r, n, 'exact')) return done();
  for (const n of exact.filter(open)) {
    const r = await recordAt(n);
    if (wholeName(r.title) === wanted && !take(r, n, 'exact')) return done();
  }
  for (const n of names.filter(open)) {
    const r = await recordAt(n);
    if (compact(r.title).includes(q) && !take(r, n, 'name')) return done();
  }
  for (const [r, n] of prefixed) if (!take(r, n, 'prefix')) return done();
  // A name that held the pairs but not the query in one piece comes here too: its texts may hold it.
  for (const n of all.filter(open)) if (!take(await recordAt(n), n, 'text')) return done();
  return { results, more };
}
