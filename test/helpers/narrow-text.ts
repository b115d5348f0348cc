/**
 * Runs in the page (page.evaluate): every visible text node of 4 or more non-space characters
 * that is laid out on two or more lines with at most two characters on any line — the
 * "G/S/-/2/0/1/9" a squeezed table column produces on a phone.
 */
export interface BrokenRun {
  text: string;
  /** Characters on the fullest line. */
  perLine: number;
  lines: number;
  /** Tag and class of the parent element, to find it. */
  where: string;
}

export function findBrokenRuns(): BrokenRun[] {
  const out: BrokenRun[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    const chars = [...text.replace(/\s+/g, '')];
    if (chars.length < 4) continue;
    const parent = n.parentElement;
    if (!parent || parent.closest('script, style, template, [hidden], .visually-hidden, svg')) continue;
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    // One box per line: with at most two characters a line there are at least half as many boxes.
    if (rects.length < 2 || chars.length > 2 * rects.length) continue;
    // Count characters per line: the top of each character's box, rounded.
    const perTop = new Map<number, number>();
    let offset = 0;
    for (const ch of text) {
      const len = ch.length;
      if (/\S/.test(ch)) {
        range.setStart(n, offset);
        range.setEnd(n, offset + len);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          const top = Math.round(r.top / 4);
          perTop.set(top, (perTop.get(top) ?? 0) + 1);
        }
      }
      offset += len;
    }
    if (perTop.size < 2) continue;
    const perLine = Math.max(...perTop.values());
    if (perLine <= 2)
      out.push({
        text: chars.join('').slice(0, 40),
        perLine,
        lines: perTop.size,
        where: `${parent.tagName.toLowerCase()}${parent.className ? '.' + String(parent.className).split(/\s+/).join('.') : ''}`,
      });
  }
  return out;
}

/** Runs in the page: the document y of the first record of a register or list, or null. */
export function firstRecordY(selector: string): number | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  return el.getBoundingClientRect().top + window.scrollY;
}
