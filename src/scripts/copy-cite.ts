/**
 * "复制" buttons of "如何引用" and of the embed code: hidden without JavaScript (the text can
 * be selected by hand); with it, a click copies the text the button names (data-copy-cite →
 * data-cite) and says so (the button's data-copied, else "已复制引用").
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
            if (status) status.textContent = button.dataset.copied ?? '已复制引用';
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
