/**
 * Heading links work as plain anchors without JavaScript. With it, a click also copies the
 * section's full address, so that a reader can paste it into a message.
 */
export function enhanceCopyLinks(root: Document): void {
  const status = root.querySelector<HTMLElement>('[data-copy-status]');
  root.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const link = target.closest<HTMLAnchorElement>('a[data-copy-link]');
    if (!link || !navigator.clipboard) return;
    const url = new URL(link.getAttribute('href') ?? '', window.location.href).href;
    navigator.clipboard.writeText(url).then(
      () => {
        link.dataset.copied = 'true';
        if (status) status.textContent = '已复制本节链接';
        window.setTimeout(() => delete link.dataset.copied, 1600);
      },
      () => {
        /* Clipboard refused (e.g. inside some in-app browsers): the anchor still navigates. */
      },
    );
  });
}
