/**
 * A QR code as inline SVG, made at build time (no network, no script in the page): one path of
 * dark modules on a white square with a quiet zone of four modules, so phones read it from a
 * printed sheet. The SVG is an image with a text alternative (role="img", aria-label and
 * <title>), since a reader who cannot scan it needs the address in words next to it.
 */
import qrcode from 'qrcode-generator';
import { xmlText as escapeXml } from './xml.ts';

/** Error correction level M (15 %): survives a smudged or creased paper sheet. */
export function qrSvg(text: string, label: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  const size = n + quiet * 2;
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.isDark(r, c)) continue;
      // Runs of dark modules in a row become one rectangle: a shorter path.
      let run = 1;
      while (c + run < n && qr.isDark(r, c + run)) run++;
      d += `M${c + quiet} ${r + quiet}h${run}v1h-${run}z`;
      c += run - 1;
    }
  }
  const alt = escapeXml(label);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${alt}" shape-rendering="crispEdges"><title>${alt}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
