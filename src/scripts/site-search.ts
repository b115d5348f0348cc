/**
 * <site-search>: the search page. It asks the record index (problems, enterprises, villages, the
 * list pages' sections: a few small JSON files per query) first, and Pagefind (the prose) only
 * when the query needs it (asksPagefind in src/lib/search/search-query.ts): Pagefind's code and
 * index are imported only then. The two lists are merged by the ranking layer. The query and
 * filters live in the URL, so a search can be linked and reloads as it was.
 */
import { excerptRuns, type ExcerptRun } from '../lib/search/excerpt.ts';
import { toSimplified } from '../lib/search/zh-variants.ts';
import { SEARCH_DATE_LABEL } from '../lib/display.ts';
import { href, villageUrl } from '../lib/urls.ts';
import { asksPagefind, asksRecords, matchTier, mergeByTier, nearVillages, planQuery, recordTier, searchRounds } from '../lib/search/search-query.ts';
import {
  FACET_KEYS,
  RECORD_TYPE_LABELS,
  searchRecords,
  type FacetKey,
  type IndexLoader,
  type RecordIndexManifest,
  type RecordResult,
} from '../lib/search/record-index.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
  sub_results?: Array<{ url: string; title: string; excerpt: string }>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(q: string | null, o?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindResult[] } | null>;
}

/** Filter groups shown to readers, in order, with their Chinese names. */
const FILTER_LABELS: Record<string, string> = { type: '类型', status: '状态', village: '村（社区）', rating: '信用等级', year: '年份' };
const PAGE_SIZE = 20;
/** How many of Pagefind's best results are read and re-ordered so that whole-query matches come first. */
const RANKED = 30;
/**
 * Records asked of the record index per text searched. Each result may load a records file of its
 * own, so the list is capped, and the status says so when it is.
 */
const RECORD_LIMIT = 50;

/** A result of either index; a page's data is read when it is shown. */
type Found = { record: RecordResult } | { page: PagefindResult };

/** Runs of `text` with each occurrence of `query` (spaces ignored) marked. */
function markRuns(text: string, query: string): ExcerptRun[] {
  const q = query.replace(/\s+/g, '');
  const out: ExcerptRun[] = [];
  let at = 0;
  for (let i = q ? text.indexOf(q) : -1; i >= 0; i = text.indexOf(q, at)) {
    if (i > at) out.push({ text: text.slice(at, i), marked: false });
    out.push({ text: q, marked: true });
    at = i + q.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

function bestSection(d: PagefindResultData, query: string): { url: string; title: string; excerpt: string } | undefined {
  const compact = query.replace(/\s+/g, '');
  const score = (excerpt: string) => {
    const runs = excerptRuns(excerpt);
    const plain = runs
      .map((r) => r.text)
      .join('')
      .replace(/\s+/g, '');
    const covered = new Set(runs.filter((r) => r.marked).flatMap((r) => [...r.text].filter((ch) => compact.includes(ch))));
    return (compact && plain.includes(compact) ? 1000 : 0) + covered.size;
  };
  // Only a section that holds the whole query: a partial match would send the reader to the wrong place.
  const candidates = (d.sub_results ?? []).filter((s) => s.url !== d.url && score(s.excerpt) >= 1000);
  return candidates.sort((a, b) => score(b.excerpt) - score(a.excerpt))[0];
}

class SiteSearch extends HTMLElement {
  #api: Promise<PagefindApi> | undefined;
  /** The record index's files, each fetched once per page. */
  #indexFiles = new Map<string, Promise<unknown>>();
  #suggest!: HTMLElement;
  #input!: HTMLInputElement;
  #results!: HTMLOListElement;
  #status!: HTMLElement;
  #filtersBox!: HTMLElement;
  #filtersCount!: HTMLElement;
  #more!: HTMLButtonElement;
  #badges!: DocumentFragment;
  #found: Found[] = [];
  #capped = false;
  #loaded = new Map<string, PagefindResultData>();
  #applied: string[] = [];
  #filtersShown = false;
  #query = '';
  #selected = new Map<string, Set<string>>();
  #run = 0;
  #timer: number | undefined;

  connectedCallback(): void {
    this.#input = this.querySelector('input[name=q]')!;
    this.#results = this.querySelector('[data-results]')!;
    this.#status = this.querySelector('[data-search-status]')!;
    this.#filtersBox = this.querySelector('[data-filters]')!;
    this.#filtersCount = this.querySelector('[data-filters-count]')!;
    this.#more = this.querySelector('[data-more]')!;
    this.#suggest = this.querySelector('[data-suggest]')!;
    this.#badges = this.querySelector<HTMLTemplateElement>('template[data-badges]')!.content;
    this.#more.addEventListener('click', () => void this.#showMore());
    // The filter options are read from the index only when the reader opens 筛选: on a large site
    // they are a quarter of a megabyte that most searches never use.
    const box = this.querySelector<HTMLDetailsElement>('[data-filters-box]')!;
    box.addEventListener('toggle', () => {
      if (box.open && !this.#filtersShown) {
        this.#filtersShown = true;
        void Promise.all([this.#load(), this.#manifest()]).then(([api, manifest]) => this.#renderFilters(api, manifest));
      }
    });
    const params = new URLSearchParams(location.search);
    this.#input.value = params.get('q') ?? '';
    for (const key of Object.keys(FILTER_LABELS)) {
      const values = params.getAll(key);
      if (values.length) this.#selected.set(key, new Set(values));
    }
    this.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#search();
    });
    this.#input.addEventListener('input', () => {
      window.clearTimeout(this.#timer);
      this.#timer = window.setTimeout(() => void this.#search(), 250);
    });
    // The record index's manifest is what every search starts with; Pagefind waits for a query that needs it.
    this.#input.addEventListener('focus', () => void this.#manifest(), { once: true });
    if (this.#input.value || this.#selected.size) void this.#search();
  }

  #load(): Promise<PagefindApi> {
    if (!this.#api) {
      const bundle = this.dataset.bundle ?? '/pagefind/';
      this.#api = (async () => {
        const api = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as PagefindApi;
        // Long pages (the plan) are not penalised for their length: the plan is often the best answer.
        await api.options({ baseUrl: bundle.replace(/pagefind\/$/, ''), ranking: { pageLength: 0.2 } });
        await api.init();
        return api;
      })();
    }
    return this.#api;
  }

  /** One file of the record index, parsed. */
  #loadIndexFile: IndexLoader = (file) => {
    let p = this.#indexFiles.get(file);
    if (!p) {
      const folder = this.dataset.records ?? '/records-index/';
      p = fetch(`${folder}${file}`).then((r) => {
        if (!r.ok) throw new Error(`${file}: ${r.status}`);
        return r.json() as Promise<unknown>;
      });
      this.#indexFiles.set(file, p);
    }
    return p;
  };

  #manifest(): Promise<RecordIndexManifest> {
    return this.#loadIndexFile('manifest.json') as Promise<RecordIndexManifest>;
  }

  async #renderFilters(api: PagefindApi, manifest: RecordIndexManifest): Promise<void> {
    // The options of both indexes: the pages' from Pagefind, the records' from the manifest.
    const available: Record<string, Record<string, number>> = { ...(await api.filters()) };
    for (const [key, values] of Object.entries(manifest.facets)) available[key] = { ...available[key], ...values };
    this.#filtersBox.replaceChildren();
    for (const [key, label] of Object.entries(FILTER_LABELS)) {
      const values = available[key];
      if (!values || Object.keys(values).length === 0) continue;
      const fs = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = label;
      fs.append(legend);
      for (const value of Object.keys(values).sort()) {
        const l = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = key;
        box.value = value;
        box.checked = this.#selected.get(key)?.has(value) ?? false;
        box.addEventListener('change', () => {
          const set = this.#selected.get(key) ?? new Set<string>();
          if (box.checked) set.add(value);
          else set.delete(value);
          if (set.size) this.#selected.set(key, set);
          else this.#selected.delete(key);
          this.#countFilters();
          void this.#search();
        });
        l.append(box, document.createTextNode(value));
        fs.append(l);
      }
      this.#filtersBox.append(fs);
    }
  }

  /** The folded filters say how many are chosen, so a narrowed search is never mistaken for all. */
  #countFilters(): void {
    const n = [...this.#selected.values()].reduce((sum, set) => sum + set.size, 0);
    this.#filtersCount.textContent = n ? `（已选 ${n} 项）` : '';
  }

  #syncUrl(q: string): void {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    for (const [k, set] of this.#selected) for (const v of set) params.append(k, v);
    const qs = params.toString();
    history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
  }

  async #search(): Promise<void> {
    const run = ++this.#run;
    const q = this.#input.value.trim();
    this.#syncUrl(q);
    this.#countFilters();
    if (!q && this.#selected.size === 0) {
      this.#results.replaceChildren();
      this.#found = [];
      this.#more.hidden = true;
      this.#suggest.hidden = true;
      this.#status.textContent = '';
      return;
    }
    this.#status.textContent = '正在搜索…';
    // The site is in simplified characters: a query typed in traditional ones is converted.
    const plan = planQuery(q ? toSimplified(q) : '');
    const chosen = new Map([...this.#selected].map(([k, set]) => [k, [...set]]));
    // Filters the query named apply unless the reader chose others for the same key.
    for (const [k, values] of Object.entries(plan.filters)) if (!chosen.has(k)) chosen.set(k, values);
    const types = chosen.get('type');

    // The record index first: the query and its synonyms, each with the filters.
    let records: RecordResult[] = [];
    let manifest: RecordIndexManifest | undefined;
    this.#capped = false;
    if (asksRecords(types)) {
      const facets: Partial<Record<FacetKey, string[]>> = {};
      for (const k of FACET_KEYS) if (chosen.has(k)) facets[k] = chosen.get(k)!;
      const texts = plan.text ? [plan.text, ...plan.variants] : [''];
      const [m, ...found] = await Promise.all([this.#manifest(), ...texts.map((t) => searchRecords(t, this.#loadIndexFile, { limit: RECORD_LIMIT, facets }))]);
      if (run !== this.#run) return;
      manifest = m;
      const seen = new Set<string>();
      // The query's own results, then the synonyms'; a record once, where it came first.
      for (const f of found) {
        this.#capped ||= f.more;
        for (const r of f.results) {
          if (seen.has(r.record.path)) continue;
          seen.add(r.record.path);
          records.push(r);
        }
      }
      records = records.sort((a, b) => recordTier(a) - recordTier(b));
    }

    // Pagefind: one result per page, with its best score over the query and its synonyms; the
    // later rounds (the query as typed, then its parts) only when the earlier found nothing.
    const best = new Map<string, PagefindResult>();
    if (asksPagefind(plan, records, types)) {
      const api = await this.#load();
      const filters = Object.fromEntries([...chosen].map(([k, values]) => [k, { any: values }]));
      const rounds: Array<Array<string | null>> = plan.text ? searchRounds(plan) : [[null]];
      for (const texts of rounds) {
        const searches = await Promise.all(texts.map((t) => api.search(t, { filters })));
        if (run !== this.#run || searches.some((f) => !f)) return;
        for (const f of searches) for (const r of f!.results) if ((best.get(r.id)?.score ?? -1) < r.score) best.set(r.id, r);
        if (best.size > 0) break;
      }
    }
    const pages = [...best.values()].sort((a, b) => b.score - a.score);
    const head = pages.slice(0, RANKED);
    const data = await Promise.all(head.map((r) => r.data()));
    if (run !== this.#run) return;
    this.#loaded = new Map(head.map((r, i) => [r.id, data[i]!]));
    const rankable = head.map((r, i) => ({ r, title: data[i]!.meta.title ?? '', content: data[i]!.content }));
    const merged = mergeByTier(
      records.map((record): Found => ({ record })),
      (f) => ('record' in f ? recordTier(f.record) : 3),
      rankable,
      (p) => matchTier(plan.text, p),
    );
    this.#found = [...merged.map((x): Found => ('r' in x ? { page: x.r } : x)), ...pages.slice(RANKED).map((page): Found => ({ page }))];
    this.#query = plan.text;
    this.#applied = plan.applied.filter((a) => !this.#selected.has(a.key)).map((a) => a.label);
    this.#showSuggestion(plan.text, records, manifest);
    this.#results.replaceChildren();
    await this.#showMore(run);
  }

  /** “你是不是要找”: a village one character from the query, unless the query found a village by name. */
  #showSuggestion(text: string, records: readonly RecordResult[], manifest: RecordIndexManifest | undefined): void {
    const named = records.some((r) => r.record.type === 'village' && r.match !== 'text');
    const near = manifest && text && !named ? nearVillages(text, manifest.villages) : [];
    this.#suggest.hidden = near.length === 0;
    if (near.length === 0) return;
    const links = near.flatMap(([id, name], i) => {
      const a = document.createElement('a');
      a.href = villageUrl(id);
      a.textContent = name;
      return i > 0 ? [document.createTextNode('、'), a] : [a];
    });
    this.#suggest.replaceChildren(document.createTextNode('你是不是要找：'), ...links);
  }

  /** Appends the next PAGE_SIZE results: every result can be reached. */
  async #showMore(run = this.#run): Promise<void> {
    const start = this.#results.childElementCount;
    // One page at a time: a second tap while the first is loading must not add the same results twice.
    if (this.#more.disabled && start > 0) return;
    this.#more.disabled = true;
    const items = await Promise.all(
      this.#found
        .slice(start, start + PAGE_SIZE)
        .map(async (f) =>
          'record' in f ? this.#recordItem(f.record, this.#query) : this.#item(this.#loaded.get(f.page.id) ?? (await f.page.data()), this.#query),
        ),
    );
    this.#more.disabled = false;
    if (run !== this.#run) return;
    this.#results.append(...items);
    const n = this.#found.length;
    const shown = this.#results.childElementCount;
    const q = this.#input.value.trim();
    const applied = this.#applied.length ? `（已按${this.#applied.join('、')}筛选）` : '';
    this.#status.textContent =
      n === 0
        ? `没有找到与“${q}”相关的内容${applied}。可以换一个词，或减少筛选条件。`
        : `找到 ${n} 个结果${applied}${n > shown ? `，已显示 ${shown} 个` : ''}。${this.#capped ? `问题和企业只列出最相关的 ${RECORD_LIMIT} 个，多写几个字可以缩小范围。` : ''}`;
    this.#more.hidden = shown >= n;
    this.#more.textContent = `显示更多（还有 ${n - shown} 个）`;
    // After "显示更多", focus goes to the first new result, so a keyboard or screen-reader user continues there.
    if (start > 0) this.#results.children[start]?.querySelector('a')?.focus();
  }

  /** A record of the record index, laid out as a page result: title, type, colour or status, text. */
  #recordItem(r: RecordResult, query: string): HTMLLIElement {
    const { record } = r;
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.className = 'result-title';
    a.href = href(record.path);
    a.textContent = record.title;
    const meta = document.createElement('div');
    meta.className = 'result-meta';
    const type = RECORD_TYPE_LABELS[record.type];
    const t = document.createElement('span');
    t.className = 'result-type';
    t.textContent = type;
    meta.append(t);
    const badge = record.state ? this.#badges.querySelector(`[data-badge="${CSS.escape(`${type}:${record.state}`)}"]`) : null;
    if (badge) meta.append(...[...badge.childNodes].map((n) => n.cloneNode(true)));
    if (record.village && record.type !== 'village') {
      const v = document.createElement('span');
      v.textContent = record.village.name;
      meta.append(v);
    }
    const text =
      record.type === 'enterprise'
        ? `${this.dataset.usccLabel ?? ''}：${record.key}；${this.dataset.industryLabel ?? ''}：${record.excerpt}`
        : record.type === 'village'
          ? (this.dataset.villageText ?? '')
          : record.excerpt;
    const p = document.createElement('p');
    for (const run of markRuns(text, query)) {
      if (run.marked) {
        const m = document.createElement('mark');
        m.textContent = run.text;
        p.append(m);
      } else p.append(document.createTextNode(run.text));
    }
    li.append(a, meta, p);
    return li;
  }

  #item(d: PagefindResultData, query: string): HTMLLIElement {
    const li = document.createElement('li');
    // For the plan, the section whose text holds the whole query is the more useful link.
    const sub = d.meta.type === '计划原文' ? bestSection(d, query) : undefined;
    const a = document.createElement('a');
    a.className = 'result-title';
    a.href = sub?.url ?? d.url;
    const title = d.meta.title ?? d.url;
    a.textContent = sub && sub.title !== title ? `${title} · ${sub.title}` : title;
    const meta = document.createElement('div');
    meta.className = 'result-meta';
    if (d.meta.type) {
      const t = document.createElement('span');
      t.className = 'result-type';
      t.textContent = d.meta.type;
      meta.append(t);
    }
    // An enterprise shows its latest colour, a problem its status, an indicator its result.
    for (const value of d.filters?.[d.meta.type === '企业' ? 'rating' : 'status'] ?? []) {
      const badge = this.#badges.querySelector(`[data-badge="${CSS.escape(`${d.meta.type ?? ''}:${value}`)}"]`);
      if (badge) meta.append(...[...badge.childNodes].map((n) => n.cloneNode(true)));
    }
    if (d.meta.date) {
      const t = document.createElement('span');
      const label = SEARCH_DATE_LABEL[d.meta.type ?? ''];
      t.textContent = label ? `${label} ${d.meta.date}` : d.meta.date;
      meta.append(t);
    }
    const p = document.createElement('p');
    for (const run of excerptRuns(sub?.excerpt ?? d.excerpt)) {
      if (run.marked) {
        const m = document.createElement('mark');
        m.textContent = run.text;
        p.append(m);
      } else p.append(document.createTextNode(run.text));
    }
    li.append(a, meta, p);
    return li;
  }
}

if (!customElements.get('site-search')) customElements.define('site-search', SiteSearch);
