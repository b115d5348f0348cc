/**
 * Ready citations for "如何引用" (issue #15): GB/T 7714-2015 (the Chinese standard for
 * references; online dataset [DS/OL] or electronic resource [EB/OL], with the date of access in
 * square brackets) and APA 7, plus CSL-JSON for datasets. The date of access is the reader's: a
 * page prints a placeholder where it goes (a page does not change with the day it is built), and
 * in the browser the citation is written again with the reader's day (src/scripts/copy-cite.ts).
 */

export interface CiteInput {
  /** Who is responsible: the site, or a dataset's publisher. */
  author: string;
  title: string;
  /** The stable absolute URL of the thing cited. */
  url: string;
  /** 'DS' for a dataset or a page of data, 'EB' for a text such as the plan. */
  kind: 'DS' | 'EB';
  /** Last update (YYYY-MM-DD), when known. */
  updated?: string | undefined;
  /** Date of access (YYYY-MM-DD); without it the citations say where it goes (引用日期). */
  accessed?: string | undefined;
  /** Publisher, when it differs from the author (GB/T puts it after the title). */
  publisher?: string | undefined;
  /** The version cited: the data commit (its first 12 characters) that last changed what is cited. */
  version?: string | undefined;
}

/** Where the reader's date of access goes when the page cannot know it (no JavaScript). */
export const ACCESSED_PLACEHOLDER = '引用日期';

/** The title with its version, as both styles print it after the title. */
const titled = (c: CiteInput, open: string, close: string) => (c.version ? `${c.title}${open}版本 ${c.version}${close}` : c.title);

const dateParts = (iso: string) => iso.split('-').map(Number);

/** GB/T 7714-2015 §4.1/8.8: 主要责任者. 题名（版本）[DS/OL]. 出版者, (更新日期)[引用日期]. 获取和访问路径. */
export function gbt7714(c: CiteInput): string {
  const publisher = c.publisher && c.publisher !== c.author ? `${c.publisher}, ` : '';
  const updated = c.updated ? `(${c.updated})` : '';
  const when = `${publisher}${updated}[${c.accessed ?? ACCESSED_PLACEHOLDER}]`;
  return `${c.author}. ${titled(c, '（', '）')}[${c.kind}/OL]. ${when}. ${c.url}.`;
}

/** APA 7: Author. (Year). Title (Version) [Data set]. … (with Chinese words for the version, the description and "retrieved"). */
export function apa(c: CiteInput): string {
  const year = (c.updated ?? c.accessed)?.slice(0, 4) ?? 'n.d.';
  const what = c.kind === 'DS' ? ' [数据集]' : '';
  const publisher = c.publisher && c.publisher !== c.author ? ` ${c.publisher}.` : '';
  let retrieved = `检索于 [${ACCESSED_PLACEHOLDER}]`;
  if (c.accessed) {
    const [y, m, d] = dateParts(c.accessed);
    retrieved = `检索于 ${y}年${m}月${d}日`;
  }
  return `${c.author}. (${year}). ${titled(c, ' (', ')')}${what}.${publisher} ${retrieved}, 来自 ${c.url}`;
}

/** CSL-JSON (one item, as reference managers such as Zotero import it). */
export function cslJson(c: CiteInput & { id: string; description?: string | undefined }): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: c.id,
    type: c.kind === 'DS' ? 'dataset' : 'webpage',
    title: c.title,
    author: [{ literal: c.author }],
    publisher: c.publisher ?? c.author,
    URL: c.url,
    language: 'zh-CN',
  };
  if (c.accessed) item.accessed = { 'date-parts': [dateParts(c.accessed)] };
  if (c.updated) item.issued = { 'date-parts': [dateParts(c.updated)] };
  if (c.version) item.version = c.version;
  if (c.description) item.abstract = c.description;
  return item;
}
