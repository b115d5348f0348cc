/**
 * <chart-image data-svg="…" data-file="…">: the "图表图片（PNG）" button of an indicator page.
 * Draws the page's chart image (/indicators/<id>/chart.svg, same origin, so the canvas stays
 * readable) into a canvas at twice its size and offers it as a PNG download. No network
 * beyond the site itself; the system fonts render the Chinese. Without JavaScript the button
 * stays hidden and the SVG link beside it does the job.
 */
const SCALE = 2;

class ChartImage extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('button[data-download="chart-png"]');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => void this.#download(button));
  }

  async #download(button: HTMLButtonElement): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-chart-image-status]');
    button.disabled = true;
    try {
      const img = new Image();
      img.src = this.dataset.svg!;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth * SCALE;
      canvas.height = img.naturalHeight * SCALE;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('toBlob');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = this.dataset.file ?? 'chart.png';
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      if (status) status.textContent = `已生成 PNG 图片（${canvas.width}×${canvas.height}）`;
    } catch {
      if (status) status.textContent = '无法生成 PNG，请改用 SVG 图片';
    } finally {
      button.disabled = false;
    }
  }
}

if (!customElements.get('chart-image')) customElements.define('chart-image', ChartImage);
