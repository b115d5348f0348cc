/**
 * "复制" buttons of "如何引用": hidden without JavaScript (the citation text can be selected
 * by hand); with it, a click copies the citation next to the button.
 */
class CopyCite extends HTMLElement {
  connectedCallback(): void {
    const status = this.querySelector<HTMLElement>('[data-cite-status]');
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-copy-cite]')) {
      button.hidden = false;
      button.addEventListener('click', () => {
        const text = this.querySelector<HTMLElement>(`[data-cite="${button.dataset.copyCite}"]`)?.textContent?.trim() ?? '';
        if (!navigator.clipboard) return;
        navigator.clipboard.writeText(text).then(
          () => {
            if (status) status.textContent = '已复制引用';
          },
          () => {
            if (status) status.textContent = '无法自动复制，请选中文字后手动复制';
          },
        );
      });
    }
  }
}
if (!customElements.get('copy-cite')) customElements.define('copy-cite', CopyCite);
