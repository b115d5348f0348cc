/**
 * <credit-list>: filters the enterprise list by rating, industry and village, and searches by
 * name or part of the code, and "下载这些行" gives the rows shown as CSV for Excel (the period's
 * file, with the enterprise's name, industry and village, cut to those rows). The compact index
 * is fetched on the first filter. The filter state is kept in the URL.
 */
import { compareByName, filterCredit, type CreditFilter, type CreditIndex, type CreditListRow } from '../lib/credit.ts';
import { enterpriseUrl, villageUrl } from '../lib/urls.ts';
import { downloadRows } from './download-rows.ts';
import { fillRow, keyed } from './row-template.ts';

const LINKS = { enterprise: (r: CreditListRow) => enterpriseUrl(r.uscc), village: (r: CreditListRow) => villageUrl(r.village) };
const LIMIT = 200;
const KEYS = ['rating', 'industry', 'village', 'q'] as const;

class CreditList extends HTMLElement {
  #index: Promise<CreditIndex> | undefined;
  #form!: HTMLFormElement;
  #rows: CreditListRow[] | undefined;

  connectedCallback(): void {
    this.#form = this.querySelector('form')!;
    this.#form.hidden = false;
    const params = new URLSearchParams(location.search);
    for (const k of KEYS) {
      const el = this.#form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
      if (el && params.get(k)) el.value = params.get(k)!;
    }
    this.#form.addEventListener('change', () => void this.#apply());
    this.#form.addEventListener('input', () => void this.#apply());
    this.#form.addEventListener('submit', (e) => e.preventDefault());
    this.querySelector('button[data-download]')?.addEventListener('click', () => void this.#download());
    if (KEYS.some((k) => params.get(k))) void this.#apply();
  }

  async #apply(): Promise<void> {
    const f: CreditFilter = { period: this.dataset.period ?? '' };
    const qs = new URLSearchParams();
    for (const k of KEYS) {
      const v = (this.#form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement).value.trim();
      if (v) {
        f[k] = v;
        qs.set(k, v);
      }
    }
    history.replaceState(null, '', qs.size ? `?${qs}` : location.pathname);
    this.#index ??= fetch(this.dataset.index!).then((r) => r.json() as Promise<CreditIndex>);
    const rows = filterCredit(await this.#index, f).sort(compareByName);
    this.#rows = rows;
    const template = this.querySelector<HTMLTemplateElement>('template[data-row-template]')!;
    this.querySelector('tbody')!.replaceChildren(...rows.slice(0, LIMIT).map((r) => keyed(fillRow(template, { ...r }, LINKS), r.uscc, 'uscc')));
    this.querySelector('[data-pagination]')?.setAttribute('hidden', '');
    this.querySelector('[data-more-note]')?.setAttribute('hidden', '');
    const n = rows.length;
    this.querySelector('[data-list-status]')!.textContent =
      n === 0 ? '没有符合条件的企业。' : `符合条件的企业共 ${n} 家${n > LIMIT ? `，显示前 ${LIMIT} 家` : ''}。`;
  }

  /** The period's rows matching the filter (all of them when none is set), every column, as CSV for Excel (BOM, CRLF). */
  async #download(): Promise<void> {
    if (!this.#rows) await this.#apply();
    const order = new Map((this.#rows ?? []).map((r, i) => [r.uscc, i]));
    await downloadRows(this, 'uscc', order, (version) => `credit-${this.dataset.period ?? ''}-filtered${version ? `-${version}` : ''}.csv`);
  }
}

if (!customElements.get('credit-list')) customElements.define('credit-list', CreditList);
