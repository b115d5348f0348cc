/**
 * The side-by-side table `npm run bench` prints: one column per size, each followed by the bare
 * Astro build of the same page count from the same run and the ratio of the two, one row per
 * figure. A size that did not finish shows dashes for what it did not measure and, under the
 * table, the step, the reason and how far it got.
 */

/** Wall time, CPU time of the process tree and its peak memory, for one command. */
export interface Run {
  seconds: number;
  cpuSeconds: number | null;
  peakMb: number | null;
}

export interface SizeFigures {
  size: string;
  /** Commits of the history the site was built from (0: built from a folder, without git). */
  commits: number;
  pages: number | null;
  build: Run | null;
  /** The build after a one-row commit, in the same clone with the caches the full build left. */
  oneRow: Run | null;
  distMb: number | null;
  distFiles: number | null;
  /** Bytes one query fetches (median over the sampled queries), as a compressing host sends them. */
  search: { firstKb: number; furtherKb: number } | null;
  bare: (Run & { distMb: number; distFiles: number }) | null;
  /** Where and why the size did not finish; the figures before that step are kept. */
  failed?: { step: string; reason: string; run?: Run };
}

type Cell = number | string | null | undefined;

const shown = (v: Cell) => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '—' : String(v));

/** `a / b` to two places, or a dash when either is missing or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return '—';
  return `×${(a / b).toFixed(2)}`;
}

const round = (n: number | null | undefined, places = 1) => (n === null || n === undefined ? null : Number(n.toFixed(places)));

/** The table in Markdown, one line per row. */
export function sideBySide(sizes: readonly SizeFigures[]): string {
  const head = ['', ...sizes.flatMap((s) => [s.size, 'bare Astro', '×'])];
  /** A row: the site's figure, the peer's, and their ratio (or dashes where the peer has none). */
  type Row = [label: string, pick: (s: SizeFigures) => [Cell, Cell, string?]];
  const rows: Row[] = [
    ['pages', (s) => [s.pages, s.bare ? s.pages : null, '']],
    ['history commits', (s) => [s.commits, null, '']],
    ['full build s', (s) => [round(s.build?.seconds), round(s.bare?.seconds), ratio(s.build?.seconds, s.bare?.seconds)]],
    ['CPU s', (s) => [round(s.build?.cpuSeconds), round(s.bare?.cpuSeconds), ratio(s.build?.cpuSeconds, s.bare?.cpuSeconds)]],
    ['peak MB (process tree)', (s) => [s.build?.peakMb, s.bare?.peakMb, ratio(s.build?.peakMb, s.bare?.peakMb)]],
    // The peer has no incremental build: its rebuild is its full build.
    ['one-row rebuild s', (s) => [round(s.oneRow?.seconds), round(s.bare?.seconds), ratio(s.oneRow?.seconds, s.bare?.seconds)]],
    ['one-row rebuild peak MB', (s) => [s.oneRow?.peakMb, null, '']],
    ['output MB', (s) => [s.distMb, s.bare?.distMb, ratio(s.distMb, s.bare?.distMb)]],
    ['output files', (s) => [s.distFiles, s.bare?.distFiles, ratio(s.distFiles, s.bare?.distFiles)]],
    ['first query KB', (s) => [s.search?.firstKb, null, '']],
    ['further query KB', (s) => [s.search?.furtherKb, null, '']],
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const [label, pick] of rows)
    lines.push(
      `| ${[
        label,
        ...sizes.flatMap((s) => {
          const [site, peer, r] = pick(s);
          return [shown(site), shown(peer), r || '—'];
        }),
      ].join(' | ')} |`,
    );
  const failed = sizes.filter((s) => s.failed);
  const sofar = (r: Run | undefined) => (r ? ` (after ${round(r.seconds)} s, CPU ${shown(round(r.cpuSeconds))} s, peak ${shown(r.peakMb)} MB)` : '');
  if (failed.length > 0) lines.push('', ...failed.map((s) => `${s.size} did not finish: ${s.failed!.step}: ${s.failed!.reason}${sofar(s.failed!.run)}`));
  return lines.join('\n');
}
