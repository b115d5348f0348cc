/**
 * <print-button>: the noticeboard sheet's "打印" button. Without JavaScript it stays hidden and
 * the hint beside it says to use the browser's print command; with it, a click opens the print
 * dialogue. It is never printed itself (the sheet hides .no-print on paper).
 */
class PrintButton extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('button');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
}
if (!customElements.get('print-button')) customElements.define('print-button', PrintButton);
