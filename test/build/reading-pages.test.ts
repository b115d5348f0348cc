/**
 * Chinese reading pages: what a reader sees says periods as 2019年度 / 2019年上半年 /
 * 2019年下半年, not the CSV codes; shows no indicator's English name except marked lang="en";
 * and names no repository path or internal identifier. Codes, paths and identifiers stay where
 * they belong: the data pages (/data/…), downloads and the folded "编辑此数据" area for editors.
 * The data's change log (/changes/…) is a data page too: it quotes the editors' commit
 * messages and every changed value as written, English names included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/html.ts';
import { SITE_DIR } from '../helpers/paths.ts';
import { csvRows, FIXTURE_SITE, SAMPLE_SITE } from '../helpers/sites.ts';

/** Areas where codes belong: the editor area, downloads (file names, stable URLs). */
const CODE_AREAS = '[data-editor], [data-period-downloads], [data-download]';
const PERIOD_CODE = /\b\d{4}-H[12]\b/;
const REPO_PATH = /(?<![\w/.-])(?:data|content|src|test|scripts)\/[\w.-]+(?:\/[\w.-]+)*\.(?:csv|md|mdx|ts|astro|json|yaml)\b/;
/** URLs keep their codes: /gushan/credit/period/2019-H1/ is an address, not a period shown as text. */
const withoutUrls = (s: string) => s.replace(/(?:https?:\/\/[^\s，。、）)]+|\/[\w%./-]+\/)/g, ' ');

const isDataPage = (f: string) => f.startsWith('data/') || f.startsWith('changes/') || f.startsWith('pagefind/');
const readingPages = listFiles(SITE_DIR).filter((f) => f.endsWith('.html') && !isDataPage(f));

/** What a reader sees or hears: text (with <template> rows), titles, alternatives and labels, outside the code areas. */
function readerText(html: string, opts: { keepEnglish?: boolean } = {}): string {
  // Scripts and styles dropped; <template> rows (cloned for readers by the filters) kept as elements.
  const doc = parse(html, { comment: false, blockTextElements: { script: false, style: false } });
  for (const el of doc.querySelectorAll(CODE_AREAS)) el.remove();
  if (!opts.keepEnglish) for (const el of doc.querySelectorAll('[lang="en"]')) el.remove();
  const attrs = doc
    .querySelectorAll('[aria-label], [title], [alt], [placeholder], meta[name="description"]')
    .flatMap((el: HTMLElement) => ['aria-label', 'title', 'alt', 'placeholder', 'content'].map((a) => el.getAttribute(a) ?? ''));
  return [doc.textContent, ...attrs].join('\n');
}

describe('reading pages of the fixture site', () => {
  it('has reading pages to check, rating periods of both kinds and indicators with English names', () => {
    expect(readingPages.length).toBeGreaterThan(40);
    const periods = csvRows(FIXTURE_SITE, 'credit-ratings').map((r) => r.period!);
    expect(periods.some((p) => /-H[12]$/.test(p)) && periods.some((p) => /^\d{4}$/.test(p))).toBe(true);
    expect(csvRows(FIXTURE_SITE, 'indicators').filter((i) => i.name_en).length).toBeGreaterThan(3);
  });

  it('says every rating period in words, never as a code (2019-H1), outside downloads and the editor area', () => {
    const offenders = readingPages.flatMap((f) => {
      const m = PERIOD_CODE.exec(withoutUrls(readerText(readFileSync(join(SITE_DIR, f), 'utf8'))));
      return m ? [`${f}: ${m[0]}`] : [];
    });
    expect(offenders).toEqual([]);
    // And the words are there: the enterprise page of a firm rated in 2019-H1 says 2019年上半年.
    const firm = csvRows(FIXTURE_SITE, 'credit-ratings').find((r) => r.period === '2019-H1')!;
    expect(readerText(readFileSync(join(SITE_DIR, `credit/${firm.uscc}/index.html`), 'utf8'))).toContain('2019年上半年');
    expect(parse(readFileSync(join(SITE_DIR, 'credit/period/2018/index.html'), 'utf8')).querySelector('title')?.textContent).toContain('2018年度');
  });

  it('shows an indicator’s English name only marked lang="en", and only in the editor area', () => {
    const names = csvRows(FIXTURE_SITE, 'indicators').flatMap((i) => (i.name_en ? [i.name_en] : []));
    const offenders = readingPages.flatMap((f) => {
      const html = readFileSync(join(SITE_DIR, f), 'utf8');
      const unmarked = readerText(html, { keepEnglish: true });
      return names.filter((n) => unmarked.includes(n)).map((n) => `${f}: ${n}`);
    });
    expect(offenders).toEqual([]);
    // Where it is shown, it is marked as English.
    const ind = csvRows(FIXTURE_SITE, 'indicators').find((i) => i.name_en)!;
    const editor = parse(readFileSync(join(SITE_DIR, `indicators/${ind.id}/index.html`), 'utf8')).querySelector('[data-editor]');
    expect(editor?.querySelector('[lang="en"]')?.textContent).toBe(ind.name_en);
  });

  it('names no repository path and no indicator identifier outside the editor area and the data pages', () => {
    const ids = csvRows(FIXTURE_SITE, 'indicators').map((i) => i.id!);
    const offenders = readingPages.flatMap((f) => {
      const text = readerText(readFileSync(join(SITE_DIR, f), 'utf8'));
      const path = REPO_PATH.exec(text);
      const clean = withoutUrls(text);
      return [...(path ? [`${f}: ${path[0]}`] : []), ...ids.filter((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(clean)).map((id) => `${f}: ${id}`)];
    });
    expect(offenders).toEqual([]);
    // They are still there for editors: the file names in the folded area, and on /data/.
    const editor = parse(readFileSync(join(SITE_DIR, 'problems/index.html'), 'utf8')).querySelector('details[data-editor]');
    expect(editor?.querySelector('summary')?.textContent).toBe('编辑此数据');
    expect(editor?.textContent).toContain('data/problems.csv');
    expect(readFileSync(join(SITE_DIR, 'data/index.html'), 'utf8')).toContain('problems.csv');
  });

  it('words the consequences of a colour as what happens to the enterprise', () => {
    const doc = parse(readFileSync(join(SITE_DIR, 'credit/index.html'), 'utf8'));
    const text = doc.querySelector('#scheme-h')!.parentNode!.textContent;
    expect(text).not.toMatch(/依据：?不加价/);
    // A firm whose latest colour is green: its page says what that costs it, nothing.
    const ratings = csvRows(FIXTURE_SITE, 'credit-ratings');
    const latest = new Map([...ratings].sort((x, y) => (x.period! < y.period! ? -1 : 1)).map((r) => [r.uscc!, r.rating!]));
    const green = [...latest].find(([, r]) => r === '绿色')![0];
    const page = parse(readFileSync(join(SITE_DIR, `credit/${green}/index.html`), 'utf8')).querySelector('#cost-h')!.parentNode!;
    expect(page.querySelectorAll('[data-consequences] li').map((li) => li.textContent)).toEqual(['电价：不加价', '污水处理费：不加价']);
    expect(page.textContent).not.toContain('依据');
  });
});

describe('reading pages of the real-data site (checks that hold for any correct data)', () => {
  const pages = listFiles(SAMPLE_SITE.dir).filter((f) => f.endsWith('.html') && !isDataPage(f));
  const names = csvRows(SAMPLE_SITE, 'indicators').flatMap((i) => (i.name_en ? [i.name_en] : []));

  it('shows no period code, no unmarked English indicator name and no repository path', () => {
    expect(pages.length).toBeGreaterThan(0);
    const offenders = pages.flatMap((f) => {
      const html = readFileSync(join(SAMPLE_SITE.dir, f), 'utf8');
      const text = readerText(html);
      const code = PERIOD_CODE.exec(withoutUrls(text));
      const path = REPO_PATH.exec(text);
      const unmarked = readerText(html, { keepEnglish: true });
      return [
        ...(code ? [`${f}: ${code[0]}`] : []),
        ...(path ? [`${f}: ${path[0]}`] : []),
        ...names.filter((n) => unmarked.includes(n)).map((n) => `${f}: ${n}`),
      ];
    });
    expect(offenders).toEqual([]);
  });
});
