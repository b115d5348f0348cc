/**
 * The site's own layer over its two indexes (issue "Search at scale"; issue 30: the record index
 * for problems, enterprises, villages and list sections, Pagefind for prose): what a query means
 * before it is sent, which index is asked, and in which order the results are shown.
 *
 * - Words readers use for the same thing (红牌 and 红色, 黑臭河道 and 黑臭水体) are searched
 *   together: SYNONYMS below, documented on the search page; everyday wordings (河水 for 河道)
 *   are searched as the site's word too: EVERYDAY_WORDS.
 * - A query that names a record type with a colour or a status (“红色企业”, “未整改的问题”)
 *   becomes that filter, with what is left as the text.
 * - Pagefind ranks by its word scores, and its Chinese segmentation splits a title into words
 *   its near-namesakes share; results that hold the whole query are moved first.
 *
 * Pure, so the browser script and the tests share it.
 */
import { PROBLEM_STATUSES, RATINGS } from '../../schemas/enums.ts';
import { compact, isIdLike, RECORD_TYPE_LABELS, type RecordResult } from './record-index.ts';

/**
 * Groups of words readers use for one thing. Each is searched whenever one of its members is
 * in the query. Keep it small: a wrong synonym mixes results that should stay apart.
 */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['交办件', '信访件', '督察交办'],
  ['红牌', '红色等级', '红色'],
  ['黑牌', '黑色等级', '黑色'],
  ['黄牌', '黄色等级', '黄色'],
  ['黑臭河道', '黑臭水体', '黑臭河'],
  ['信用代码', '统一社会信用代码'],
  ['散乱污', '散乱污企业'],
];

/**
 * Everyday wordings and the site's word for the same thing (issue 33: "河水水质" found nothing
 * while "河道水质" did). One way only: a query with the everyday word is also searched with the
 * site's word, never the other way round. Keep it small, as SYNONYMS.
 */
export const EVERYDAY_WORDS: ReadonlyArray<readonly [everyday: string, site: string]> = [
  ['河水', '河道'],
  ['臭水沟', '黑臭水体'],
  ['烧秸秆', '焚烧秸秆'],
  ['冒黑烟', '废气'],
  ['噪音', '噪声'],
  ['工厂', '企业'],
  ['厂子', '企业'],
];

/** Words that name a record type, and the type (Pagefind filter `type`) they stand for. */
const TYPE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['企业', '企业'],
  ['公司', '企业'],
  ['厂家', '企业'],
  ['问题', '问题'],
  ['案件', '问题'],
  ['投诉', '问题'],
  ['指标', '指标'],
];

/** Colour words (with their informal 牌 form) → the rating filter, applied with 企业. */
const COLOUR_WORDS: ReadonlyArray<readonly [string, (typeof RATINGS)[number]]> = RATINGS.flatMap(
  (r) =>
    [
      [r, r],
      [`${r[0]}牌`, r],
    ] as const,
);

/** Status words → the status filter values, applied with 问题. Longest first. */
const STATUS_WORDS: ReadonlyArray<readonly [string, readonly (typeof PROBLEM_STATUSES)[number][]]> = [
  ['未整改', ['待整改', '整改中']],
  ['未完成', ['待整改', '整改中']],
  ['没整改', ['待整改', '整改中']],
  ['已完成', ['已整改', '已销号']],
  ...PROBLEM_STATUSES.map((s) => [s, [s]] as const),
];

export interface QueryPlan {
  /** The text to search for (may be empty: then the filters alone select). */
  text: string;
  /** Further texts searched with it, from SYNONYMS. */
  variants: string[];
  /**
   * What Pagefind is asked: the text without the sample marker and 有限公司, which are on
   * every enterprise page and so pick out nothing while their index chunks are among the
   * largest. Ranking still uses `text`.
   */
  index: string;
  /** Filters the query itself named: Pagefind filter key → allowed values. */
  filters: Record<string, string[]>;
  /** What was applied, in words, to tell the reader: filter key → e.g. “类型：企业”, “信用等级：红色”. */
  applied: Array<{ key: string; label: string }>;
}

function takeWord(text: string, words: ReadonlyArray<readonly [string, unknown]>): { text: string; hit?: readonly [string, unknown] } {
  for (const w of [...words].sort((a, b) => b[0].length - a[0].length)) {
    const i = text.indexOf(w[0]);
    if (i >= 0) return { text: text.slice(0, i) + ' ' + text.slice(i + w[0].length), hit: w };
  }
  return { text };
}

const tidy = (s: string) =>
  s
    .replace(/(^|\s)的(?=\s|$)/g, ' ')
    .replace(/的\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * What a query asks for. A type word alone does not filter (“企业环境信用” is a page's words);
 * only a type word together with a colour (企业) or a status (问题) does.
 */
export function planQuery(raw: string): QueryPlan {
  const query = raw.replace(/\s+/g, ' ').trim();
  const filters: Record<string, string[]> = {};
  const applied: QueryPlan['applied'] = [];
  let text = query;
  const type = takeWord(text, TYPE_WORDS);
  const typeValue = type.hit?.[1] as string | undefined;
  if (typeValue === '企业') {
    const colour = takeWord(type.text, COLOUR_WORDS);
    if (colour.hit) {
      const rating = colour.hit[1] as string;
      filters.type = ['企业'];
      filters.rating = [rating];
      applied.push({ key: 'type', label: '类型：企业' }, { key: 'rating', label: `信用等级：${rating}` });
      text = colour.text;
    }
  } else if (typeValue === '问题') {
    const status = takeWord(type.text, STATUS_WORDS);
    if (status.hit) {
      const values = status.hit[1] as string[];
      filters.type = ['问题'];
      filters.status = [...values];
      applied.push({ key: 'type', label: '类型：问题' }, { key: 'status', label: `状态：${values.join('或')}` });
      text = status.text;
    }
  }
  text = applied.length > 0 ? tidy(text) : query;
  const variants = synonymVariants(text);
  const bare = text.replace(new RegExp(SAMPLE_MARKER, 'g'), ' ').replace(new RegExp(COMPANY_SUFFIX, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return { text, variants, index: bare || text, filters, applied };
}

/**
 * What to ask Pagefind, in turn, until something is found. First the query (without the
 * words every enterprise page carries) and its synonyms; then the query as typed; then each
 * run of Chinese characters and each run of other characters on its own. Pagefind cuts Chinese
 * text into words one way when it indexes a page and may cut the same characters another way
 * in a shorter query (its issue #1237): “澄川嘉合印刷15399号” finds nothing at L although the
 * page “（示例）澄川嘉合印刷有限公司15399号” exists, while “15399号” alone finds it. The ranking
 * layer then puts the page whose name is the query first.
 */
export function searchRounds(plan: QueryPlan): string[][] {
  if (!plan.text) return [];
  const rounds = [[plan.index, ...plan.variants]];
  if (plan.index !== plan.text) rounds.push([plan.text]);
  // A single character (号, 村) stays with the run before it: alone it would match most pages.
  const runs: string[] = [];
  for (const run of plan.index.match(/[\p{Script=Han}]+|[^\p{Script=Han}\s（）()]+/gu) ?? []) {
    if ([...run].length === 1 && runs.length > 0) runs[runs.length - 1] += run;
    else runs.push(run);
  }
  if (runs.length > 1) rounds.push(runs);
  return rounds;
}

/** The query with each synonym group member it holds replaced by the others, and each everyday word by the site's (at most 4). */
export function synonymVariants(text: string): string[] {
  const out = new Set<string>();
  // The site's word first: it is what the pages say. Not where the site's word is there already
  // (烧秸秆 inside 焚烧秸秆).
  for (const [everyday, site] of EVERYDAY_WORDS) if (text.includes(everyday) && !text.includes(site)) out.add(text.replace(everyday, site));
  for (const group of SYNONYMS) {
    const member = [...group].sort((a, b) => b.length - a.length).find((w) => text.includes(w));
    if (!member) continue;
    for (const other of group) if (other !== member) out.add(text.replace(member, other));
  }
  out.delete(text);
  return [...out].slice(0, 4);
}

/** The sample marker and the company suffix: on every enterprise page, so they tell no name apart. */
const SAMPLE_MARKER = /[（(]示例[）)]/;
const COMPANY_SUFFIX = /(股份)?有限(责任)?公司/;

/** A title or name as compared with a query: no spaces, no sample marker, no 有限公司. */
export function normaliseName(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(new RegExp(`^${SAMPLE_MARKER.source}`), '')
    .replace(COMPANY_SUFFIX, '')
    .toLowerCase();
}

export interface Rankable {
  title: string;
  /** The page's text (Pagefind's `content`). */
  content: string;
}

/**
 * How well a result holds the query: 0 its title is the query (as a name, with or without
 * 有限公司 or the sample marker), 1 its title holds the whole query, 2 its text holds it, 3 parts only.
 */
export function matchTier(query: string, r: Rankable): number {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q) return 3;
  const title = r.title.replace(/\s+/g, '').toLowerCase();
  const nq = normaliseName(query);
  if (title === q || (nq && normaliseName(r.title) === nq)) return 0;
  if (title.includes(q)) return 1;
  if (r.content.replace(/\s+/g, '').toLowerCase().includes(q)) return 2;
  return 3;
}

/** Stable re-order of Pagefind's results by tier; within a tier Pagefind's order stands. */
export function rankByMatch<T extends Rankable>(query: string, results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i, t: matchTier(query, r) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);
}

// ——— Two indexes ———

/** The record types' labels (the type filter's values the record index answers). */
const RECORD_LABELS: ReadonlySet<string> = new Set(Object.values(RECORD_TYPE_LABELS));

/** Whether the record index is asked, given the type filter chosen (none: both indexes). */
export const asksRecords = (types: readonly string[] | undefined): boolean => !types || types.length === 0 || types.some((t) => RECORD_LABELS.has(t));

/**
 * Whether Pagefind (the prose: plans, indicators, explanatory pages, removed records) is asked
 * after the record index. Not when the type filter names record types only; not when the query
 * names a problem or an enterprise exactly (its whole title or name) or is an id or code the
 * index holds (whole or as a prefix): these are the name, code and id queries, answered by the
 * record index alone, with no Pagefind code or index loaded. Every other query asks both: a
 * village's or a section's name is also a place or a topic the plan and indicators talk about.
 */
export function asksPagefind(plan: QueryPlan, records: readonly RecordResult[], types: readonly string[] | undefined): boolean {
  if (types && types.length > 0 && types.every((t) => RECORD_LABELS.has(t))) return false;
  if (!plan.text) return true;
  const named = records.some((r) => r.match === 'exact' && (r.record.type === 'problem' || r.record.type === 'enterprise'));
  const coded = isIdLike(compact(plan.text)) && records.some((r) => r.match === 'exact' || r.match === 'prefix');
  return !(named || coded);
}

/** How well a record holds the query, on matchTier's scale. */
export const recordTier = (r: RecordResult): number => ({ exact: 0, name: 1, prefix: 1, filter: 1, text: 2 })[r.match];

/**
 * The two result lists as one: by tier (recordTier for records, matchTier for pages), records
 * before pages within a tier, each list's own order kept within.
 */
export function mergeByTier<R, P>(records: readonly R[], recordTierOf: (r: R) => number, pages: readonly P[], pageTierOf: (p: P) => number): Array<R | P> {
  const all = [...records.map((x, i) => ({ x, t: recordTierOf(x), s: 0, i })), ...pages.map((x, i) => ({ x, t: pageTierOf(x), s: 1, i }))];
  return all.sort((a, b) => a.t - b.t || a.s - b.s || a.i - b.i).map((e) => e.x);
}

/** Whether two texts are one edit apart: one character changed, added or left out. */
export function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return x.length - i - j <= 1 && y.length - i - j <= 1;
}

/**
 * “你是不是要找”: the villages whose name is one edit from the query (锡章村 for 锡北村), compared
 * folded; none when the query is a village's name. The village list is shipped whole in the
 * record index's manifest. A query of one character suggests nothing.
 */
export function nearVillages(query: string, villages: ReadonlyArray<readonly [id: string, name: string]>): Array<readonly [string, string]> {
  const q = compact(query);
  if ([...q].length < 2 || villages.some(([, name]) => compact(name) === q)) return [];
  return villages.filter(([, name]) => oneEditApart(compact(name), q)).slice(0, 3);
}
