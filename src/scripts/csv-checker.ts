/**
 * <csv-checker>: checks a CSV file in the browser with the same code as `npm run validate`.
 * The file never leaves the computer. The published tables and plans, needed for
 * references, are fetched when the page opens, so the check also works offline afterwards.
 */
import { checkFile, formatForEditor, guessTable, keptNote, type CorrectedFile } from '../lib/validation/check-file.ts';
import { ISSUE_CODES, formatIssue, type ValidationIssue } from '../lib/validation/issues.ts';
import type { PlanSource } from '../lib/validation/validate.ts';
import { csvUrl, dataErrorsUrl, planSourceUrl } from '../lib/urls.ts';
import { chinaDay } from '../lib/dates.ts';

class CsvChecker extends HTMLElement {
  #published = new Map<string, Uint8Array>();
  #plans: PlanSource[] = [];
  #ready: Promise<void> | undefined;
  #download: string | undefined;
  #seq = 0;

  connectedCallback(): void {
    const tables = (this.dataset.tables ?? '').split(' ').filter(Boolean);
    const plans = (this.dataset.plans ?? '').split(' ').filter(Boolean);
    this.#ready = this.#loadPublished(tables, plans);
    const input = this.querySelector<HTMLInputElement>('input[type=file]')!;
    const select = this.querySelector<HTMLSelectElement>('select')!;
    const zone = this.querySelector<HTMLElement>('[data-drop]')!;
    input.addEventListener('change', () => void this.#check(input.files?.[0], select));
    select.addEventListener('change', () => {
      // A table picked by the editor sticks; "自动判断" hands the choice back to the guess.
      if (select.value) select.dataset.user = 'true';
      else delete select.dataset.user;
      void this.#check(input.files?.[0], select);
    });
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.dataset.over = 'true';
    });
    zone.addEventListener('dragleave', () => delete zone.dataset.over);
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      delete zone.dataset.over;
      const file = e.dataTransfer?.files[0];
      if (file) {
        const dt = new DataTransfer();
        dt.items.add(file);
        input.files = dt.files;
        void this.#check(file, select);
      }
    });
    this.querySelector<HTMLElement>('[data-ui]')!.hidden = false;
  }

  async #loadPublished(tables: string[], plans: string[]): Promise<void> {
    const get = async (url: string) => {
      try {
        const r = await fetch(url);
        return r.ok ? new Uint8Array(await r.arrayBuffer()) : undefined;
      } catch {
        return undefined;
      }
    };
    await Promise.all([
      ...tables.map(async (t) => {
        const bytes = await get(csvUrl(t));
        if (bytes) this.#published.set(t, bytes);
      }),
      ...plans.map(async (p) => {
        const bytes = await get(planSourceUrl(p));
        if (bytes) this.#plans.push({ id: p, path: `content/plan/${p}.md`, text: new TextDecoder().decode(bytes) });
      }),
    ]);
  }

  async #check(file: File | undefined, select: HTMLSelectElement): Promise<void> {
    const out = this.querySelector<HTMLElement>('[data-result]')!;
    if (!file) return;
    const seq = ++this.#seq;
    await this.#ready;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (seq !== this.#seq) return; // a later file or table choice is being checked
    if (!select.dataset.user) select.value = guessTable(file.name, bytes) ?? '';
    // The editor's own day in China: a date after it cannot have happened yet.
    const today = chinaDay(new Date().toISOString());
    const result = checkFile({ fileName: file.name, bytes, table: select.value || undefined, published: this.#published, plans: this.#plans, today });
    out.replaceChildren();
    const summary = document.createElement('p');
    summary.className = 'check-summary';
    if (!result.table) {
      summary.textContent = `无法判断“${file.name}”是哪个数据表（第 1 行的列名与任何一个表都对不上），请在上面选择。`;
      out.append(summary);
      return;
    }
    const problems = result.issues.length + result.elsewhere.length;
    summary.textContent =
      problems === 0
        ? `✓ 没有发现问题：${file.name} 按 data/${result.table}.csv 检查，共 ${result.rows} 行。`
        : `✗ ${file.name} 中发现 ${problems} 个问题（按 data/${result.table}.csv 检查）。每条前面是文件名和 Excel 单元格（如 C17 表示 C 列第 17 行）。`;
    summary.dataset.ok = String(problems === 0);
    out.append(summary);
    if (result.fixed) out.append(this.#fixed(result.fixed));
    if (result.issues.length) out.append(this.#list(result.issues, (i) => formatForEditor(i, file.name)));
    if (result.elsewhere.length) {
      const h = document.createElement('h3');
      h.textContent = '这个文件会让网站上其他表中的引用失效：';
      out.append(h, this.#list(result.elsewhere, formatIssue));
    }
    if (!this.#published.size) {
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = '没有取得网站上已发布的数据，引用其他表的检查没有进行。';
      out.append(p);
    }
  }

  /** "下载修正后的文件": every mechanical fix applied, with the list of what changed. */
  #fixed(fixed: CorrectedFile): HTMLElement {
    if (this.#download) URL.revokeObjectURL(this.#download);
    this.#download = URL.createObjectURL(new Blob([fixed.bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv;charset=utf-8' }));
    const box = document.createElement('section');
    box.className = 'check-fixed';
    box.dataset.fixed = '';
    const h = document.createElement('h3');
    const count = fixed.changes.length + fixed.notes.length;
    h.textContent = `其中 ${count} 处可以自动修正`;
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.href = this.#download;
    a.download = fixed.fileName;
    a.dataset.fixedDownload = '';
    a.textContent = '下载修正后的文件';
    p.append(a, `（${fixed.fileName}：行和顺序不变，只改下面列出的地方；UTF-8 带 BOM，Excel 可以直接打开。其余问题仍需手工修改。）`);
    if (fixed.kept.length) p.append(keptNote(fixed.kept));
    const ol = document.createElement('ol');
    ol.className = 'check-fixes';
    for (const n of fixed.notes) {
      const li = document.createElement('li');
      li.textContent = n;
      ol.append(li);
    }
    for (const c of fixed.changes) {
      const li = document.createElement('li');
      li.textContent = `单元格 ${c.cell}（列 ${c.column}）：“${c.from}” → “${c.to}”`;
      ol.append(li);
    }
    box.append(h, p, ol);
    return box;
  }

  #list(issues: ValidationIssue[], format: (i: ValidationIssue) => string): HTMLOListElement {
    const ol = document.createElement('ol');
    ol.className = 'check-issues';
    for (const i of issues) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = format(i);
      const code = document.createElement('a');
      code.href = dataErrorsUrl(i.code);
      code.textContent = `[${i.code} ${ISSUE_CODES[i.code].title}]`;
      li.append(text, ' ', code);
      ol.append(li);
    }
    return ol;
  }
}

if (!customElements.get('csv-checker')) customElements.define('csv-checker', CsvChecker);
