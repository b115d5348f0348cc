/**
 * "复制" buttons of "如何引用" and of the embed code: hidden without JavaScript (the text can
 * be selected by hand); with it, a click copies the text the button names (data-copy-cite →
 * data-cite), the button itself says "已复制" for a moment, and a status line tells screen
 * readers (the button's data-copied, else "已复制引用").
 *
 * A citation's access date is the day the reader copies it: the element carries the citation's
 * parts (data-cite-input) and writes the citations again with the reader's date, on load and at
 * each copy (a page left open overnight). Without JavaScript the citation keeps its placeholder
 * 引用日期, which the note asks the reader to replace: the page itself carries no date of the build.
 */
import { apa, gbt7714, type CiteInput } from '../lib/publishing/cite.ts';

/** The reader's calendar day, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const FORMATS: Record<string, (c: CiteInput) => string> = { gbt: gbt7714, apa };
const SHOWN_MS = 2000;

class CopyCite extends HTMLElement {
  private input: CiteInput | undefined;

  connectedCallback(): void {
    try {
      this.input = this.dataset.citeInput ? (JSON.parse(this.dataset.citeInput) as CiteInput) : undefined;
    } catch {
      this.input = undefined;
    }
    this.refresh();
    const note = this.querySelector<HTMLElement>('[data-cite-accessed-note]');
    if (this.input && note) note.textContent = '引用日期为你复制的当天。';
    const status = this.querySelector<HTMLElement>('[data-cite-status]');
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-copy-cite]')) {
      button.hidden = false;
      const label = button.textContent ?? '复制';
      button.addEventListener('click', () => {
        this.refresh();
        const text = this.querySelector<HTMLElement>(`[data-cite="${button.dataset.copyCite}"]`)?.textContent?.trim() ?? '';
        if (!navigator.clipboard) return;
        navigator.clipboard.writeText(text).then(
          () => {
            if (status) status.textContent = button.dataset.copied ?? '已复制引用';
            button.textContent = '已复制 ✓';
            button.dataset.done = 'true';
            window.setTimeout(() => {
              button.textContent = label;
              delete button.dataset.done;
            }, SHOWN_MS);
          },
          () => {
            if (status) status.textContent = '无法自动复制，请选中文字后手动复制';
          },
        );
      });
    }
  }

  /** Writes each citation again with today's date as its access date. */
  private refresh(): void {
    if (!this.input) return;
    const input = { ...this.input, accessed: today() };
    for (const [key, format] of Object.entries(FORMATS)) {
      const el = this.querySelector<HTMLElement>(`[data-cite="${key}"]`);
      if (el) el.textContent = format(input);
    }
  }
}
if (!customElements.get('copy-cite')) customElements.define('copy-cite', CopyCite);
