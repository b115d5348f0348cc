/**
 * <table-sort>: the reader sorts the enterprise list by a column — name, industry, village (in
 * pinyin order), rating (by the colour scale) or the change since the last period — by the
 * buttons it puts in the sortable header cells (th[data-sort]); the header cell sorted by says
 * so in aria-sort. It sorts the rows the page has, so without JavaScript the server's order
 * (pinyin order of names) stands. When the filter (credit-list.ts) puts new rows in, they are
 * sorted again the reader's way.
 */
import { CHANGE_ORDER, comparePinyin } from '../lib/credit.ts';
import { RATINGS } from '../schemas/enums.ts';
import type { RatingChange } from '../lib/ratings.ts';

type Direction = 'ascending' | 'descending';
/** How a column's cells compare: by their text, or by the rank of the value one of their elements carries. */
type Kind = 'text' | 'rating' | 'change';

/** A cell's place on a scale (unrated, or no change shown, last). */
const RANK: Record<Exclude<Kind, 'text'>, (cell: Element) => number> = {
  rating: (cell) => {
    const i = (RATINGS as readonly string[]).indexOf(cell.querySelector('[data-rating]')?.getAttribute('data-rating') ?? '');
    return i < 0 ? RATINGS.length : i;
  },
  change: (cell) => {
    const i = CHANGE_ORDER.indexOf((cell.querySelector('[data-change]')?.getAttribute('data-change') ?? '') as RatingChange);
    return i < 0 ? CHANGE_ORDER.length : i;
  },
};
const textOf = (cell: Element | undefined) => (cell?.textContent ?? '').replace(/\s+/g, ' ').trim();

class TableSort extends HTMLElement {
  #table: HTMLTableElement | null = null;
  #column = -1;
  #direction: Direction = 'ascending';
  #observer: MutationObserver | undefined;

  connectedCallback(): void {
    const table = (this.#table = this.querySelector('table'));
    const heads = table?.tHead?.rows[0]?.cells;
    if (!table || !heads) return;
    [...heads].forEach((th, i) => {
      if (!th.dataset.sort || th.querySelector('button')) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => this.#sortBy(i, this.#column === i && this.#direction === 'ascending' ? 'descending' : 'ascending'));
      if (th.getAttribute('aria-sort') === 'ascending' || th.getAttribute('aria-sort') === 'descending') {
        this.#column = i;
        this.#direction = th.getAttribute('aria-sort') as Direction;
      }
    });
    table.classList.add('sortable');
    // The filter replaces the rows: sort them again, the reader's way.
    const body = table.tBodies[0];
    if (body) {
      this.#observer = new MutationObserver(() => this.#apply());
      this.#observer.observe(body, { childList: true });
    }
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }

  #sortBy(column: number, direction: Direction): void {
    this.#column = column;
    this.#direction = direction;
    this.#apply();
  }

  #apply(): void {
    const table = this.#table;
    const heads = table?.tHead?.rows[0]?.cells;
    const body = table?.tBodies[0];
    if (!table || !heads || !body || this.#column < 0) return;
    const kind = (heads[this.#column]?.dataset.sort ?? 'text') as Kind;
    const nameColumn = [...heads].findIndex((th) => th.dataset.sortName !== undefined);
    const sign = this.#direction === 'ascending' ? 1 : -1;
    const rows = [...body.rows].map((row) => {
      const cell = row.cells[this.#column];
      return { row, text: textOf(cell), rank: kind === 'text' || !cell ? 0 : RANK[kind](cell), name: textOf(row.cells[Math.max(0, nameColumn)]) };
    });
    rows.sort((a, b) => sign * (a.rank - b.rank || comparePinyin(a.text, b.text)) || comparePinyin(a.name, b.name));
    body.append(...rows.map((r) => r.row));
    this.#observer?.takeRecords();
    [...heads].forEach((th, i) => {
      if (i === this.#column) th.setAttribute('aria-sort', this.#direction);
      else th.removeAttribute('aria-sort');
    });
  }
}

if (!customElements.get('table-sort')) customElements.define('table-sort', TableSort);
