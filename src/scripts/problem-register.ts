/**
 * <problem-register>: filters, sorting and "download these rows" for the problem register.
 * The compact index is fetched only when the reader first filters or sorts (or opens a
 * filtered link). Filter state lives in the URL. Without JavaScript the numbered pages work.
 */
import { FILTER_KEYS, filterFromQuery, filterToQuery, matches, sortRows, type Filter, type IndexRow, type SortKey } from '../lib/problems.ts';
import { problemUrl, villageUrl } from '../lib/urls.ts';
import { downloadRows } from './download-rows.ts';
import { fillRow, keyed } from './row-template.ts';

const PAGE = 200;
const LINKS = { problem: (r: IndexRow) => problemUrl(r.id), village: (r: IndexRow) => villageUrl(r.village) };

class ProblemRegister extends HTMLElement {
  #index: Promise<IndexRow[]> | undefined;
  #visible: IndexRow[] = [];
  #shown = PAGE;
  #sort: { key: SortKey; dir: 'asc' | 'desc' } | undefined;
  #form!: HTMLFormElement;

  connectedCallback(): void {
    this.#form = this.querySelector('form')!;
    this.#form.hidden = false;
    const state = filterFromQuery(new URLSearchParams(location.search));
    for (const k of FILTER_KEYS) {
      const sel = this.#form.elements.namedItem(k) as HTMLSelectElement | null;
      if (sel && state[k]?.[0]) sel.value = state[k][0];
    }
    (this.#form.elements.namedItem('q') as HTMLInputElement).value = state.q ?? '';
    if (state.sort) this.#sort = { key: state.sort, dir: state.dir ?? 'asc' };
    this.#form.addEventListener('change', () => void this.#apply());
    this.#form.addEventListener('input', (e) => {
      if ((e.target as HTMLElement).getAttribute('name') === 'q') void this.#apply();
    });
    this.#form.addEventListener('submit', (e) => e.preventDefault());
    this.#form.addEventListener('reset', () => window.setTimeout(() => void this.#apply(), 0));
    this.querySelector('[data-download]')!.addEventListener('click', () => void this.#download());
    for (const th of this.querySelectorAll<HTMLTableCellElement>('th[data-sort-key]')) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = th.textContent ?? '';
      th.replaceChildren(b);
      b.addEventListener('click', () => {
        const key = th.dataset.sortKey as SortKey;
        this.#sort = { key, dir: this.#sort?.key === key && this.#sort.dir === 'asc' ? 'desc' : 'asc' };
        void this.#apply();
      });
    }
    this.#updateSortMarks();
    if (this.#active(state) || state.sort) void this.#apply();
  }

  #filter(): Filter {
    const f: Filter = {};
    for (const k of FILTER_KEYS) {
      const v = (this.#form.elements.namedItem(k) as HTMLSelectElement).value;
      if (v) f[k] = [v];
    }
    const q = (this.#form.elements.namedItem('q') as HTMLInputElement).value.trim();
    if (q) f.q = q;
    return f;
  }

  #active(f: Filter): boolean {
    return FILTER_KEYS.some((k) => f[k]?.length) || Boolean(f.q);
  }

  #load(): Promise<IndexRow[]> {
    this.#index ??= fetch(this.dataset.index!).then((r) => r.json() as Promise<IndexRow[]>);
    return this.#index;
  }

  async #apply(): Promise<void> {
    const f = this.#filter();
    const qs = filterToQuery({ ...f, ...(this.#sort ? { sort: this.#sort.key, dir: this.#sort.dir } : {}) });
    history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
    const index = await this.#load();
    const started = performance.now();
    let rows = index.filter((r) => matches(r, f));
    if (this.#sort) rows = sortRows(rows, this.#sort.key, this.#sort.dir);
    this.#visible = rows;
    this.#shown = PAGE;
    this.#render();
    this.dataset.filterMs = String(Math.round(performance.now() - started));
    this.querySelector<HTMLElement>('[data-pagination]')?.setAttribute('hidden', '');
    this.#updateSortMarks();
  }

  #render(): void {
    const template = this.querySelector<HTMLTemplateElement>('template[data-row-template]')!;
    const shown = this.#visible.slice(0, this.#shown);
    this.querySelector('tbody')!.replaceChildren(...shown.map((r) => keyed(fillRow(template, r, LINKS), r.id)));
    const n = this.#visible.length;
    const status = this.querySelector<HTMLElement>('[data-register-status]')!;
    status.textContent = n === 0 ? '没有符合条件的问题。' : `符合条件的问题共 ${n} 个${n > this.#shown ? `，显示前 ${this.#shown} 个` : ''}。`;
    let more = this.querySelector<HTMLButtonElement>('[data-more]');
    if (n > this.#shown) {
      if (!more) {
        more = document.createElement('button');
        more.type = 'button';
        more.dataset.more = '';
        more.textContent = '显示更多';
        more.addEventListener('click', () => {
          this.#shown += PAGE;
          this.#render();
        });
        this.querySelector('.table-scroll')!.after(more);
      }
    } else more?.remove();
  }

  #updateSortMarks(): void {
    for (const th of this.querySelectorAll<HTMLTableCellElement>('th[data-sort-key]')) {
      const on = this.#sort?.key === th.dataset.sortKey;
      th.setAttribute('aria-sort', on ? (this.#sort!.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  /** The rows matching the filter, with every column, as CSV for Excel (BOM, CRLF). */
  async #download(): Promise<void> {
    if (!this.#index) await this.#apply();
    const ids = new Set((this.#active(this.#filter()) || this.#sort ? this.#visible : await this.#load()).map((r) => r.id));
    const order = new Map([...ids].map((id, i) => [id, i]));
    await downloadRows(this, 'id', order, (version) => `problems-filtered${version ? `-${version}` : ''}.csv`);
  }
}

if (!customElements.get('problem-register')) customElements.define('problem-register', ProblemRegister);
