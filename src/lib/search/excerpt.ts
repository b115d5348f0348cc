/**
 * Pagefind excerpts are HTML: escaped text with <mark> around the matches. Rather than
 * trusting that HTML, split it into text runs and marked runs so the browser code can build
 * the DOM with textContent only.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);|&#(\d+);|&#x([0-9a-f]+);/gi, (m, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ENTITIES[m.toLowerCase()] ?? m;
  });
}

export interface ExcerptRun {
  text: string;
  marked: boolean;
}

export function excerptRuns(html: string): ExcerptRun[] {
  const runs: ExcerptRun[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let pos = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > pos) runs.push({ text: decodeEntities(html.slice(pos, m.index).replace(/<[^>]*>/g, '')), marked: false });
    runs.push({ text: decodeEntities((m[1] ?? '').replace(/<[^>]*>/g, '')), marked: true });
    pos = m.index + m[0].length;
  }
  if (pos < html.length) runs.push({ text: decodeEntities(html.slice(pos).replace(/<[^>]*>/g, '')), marked: false });
  return runs.filter((r) => r.text !== '');
}
