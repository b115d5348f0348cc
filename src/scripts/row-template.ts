/**
 * Fills a clone of a row template that the server rendered (a <template data-row-template>),
 * so that browser code never rebuilds a table's markup. In the template:
 *
 * - `data-text="f"`: the element's text becomes the row's value f (lists joined by 、; when
 *   empty, the element's `data-empty` text);
 * - `data-href="kind"`: the link's address, built by `links[kind](row)` from src/lib/urls.ts;
 * - `data-if="f"` / `data-unless="f"`: kept only when the value f is (not) set;
 * - `data-choose="f"`: among its children carrying `data-f`, only the one equal to the row's
 *   value f is kept (the template holds one badge per status, for example).
 */
export type Row = Readonly<Record<string, unknown>>;
export type Links<R extends Row> = Record<string, (row: R) => string>;

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
const text = (v: unknown) => (Array.isArray(v) ? v.join('、') : present(v) ? String(v) : '');

export function fillRow<R extends Row>(template: HTMLTemplateElement, row: R, links: Links<R>): DocumentFragment {
  const root = template.content.cloneNode(true) as DocumentFragment;
  for (const el of root.querySelectorAll<HTMLElement>('[data-if]')) if (!present(row[el.dataset.if!])) el.remove();
  for (const el of root.querySelectorAll<HTMLElement>('[data-unless]')) if (present(row[el.dataset.unless!])) el.remove();
  for (const el of root.querySelectorAll<HTMLElement>('[data-choose]')) {
    const key = el.dataset.choose!;
    for (const child of [...el.children] as HTMLElement[]) {
      const v = child.dataset[key];
      if (v !== undefined && v !== String(row[key])) child.remove();
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = text(row[el.dataset.text!]) || (el.dataset.empty ?? '');
  for (const el of root.querySelectorAll<HTMLAnchorElement>('a[data-href]')) {
    const link = links[el.dataset.href!];
    if (link) el.href = link(row);
  }
  return root;
}

/** Marks a filled row with its record's key (data-id, data-uscc, …), as the server-rendered rows are. */
export function keyed(row: DocumentFragment, key: string, name = 'id'): DocumentFragment {
  (row.firstElementChild as HTMLElement | null)?.setAttribute(`data-${name}`, key);
  return row;
}
