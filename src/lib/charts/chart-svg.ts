/**
 * The indicator chart as SVG markup, from the chart model (chart-model.ts): the plot the
 * indicator page shows (IndicatorSvgChart.astro) and the standalone image offered for download
 * at /indicators/<id>/chart.svg (and drawn into a PNG in the browser), which adds a header and
 * a footer so an image lifted into an article still says what it shows and where it came from.
 * Pure: strings in, strings out; every data text is escaped here.
 */
import { chartGeometry } from './chart-geometry.ts';
import type { ChartModel } from './chart-model.ts';
import { formatValue } from '../progress.ts';
import { xmlText } from '../publishing/xml.ts';

export { xmlText };

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** Width of a text in ems, roughly: CJK and full-width characters 1, others 0.6. */
export function textEms(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 1 : 0.6;
  return w;
}

/**
 * Breaks a text into lines no wider than `ems`, at most `lines` of them (the last ends in "…"
 * when the text is longer). Breaks anywhere, as Chinese text does; line breaks become spaces.
 */
export function wrapText(text: string, ems: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  let w = 0;
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cw = WIDE.test(ch) ? 1 : 0.6;
    if (w + cw > ems && line) {
      if (out.length === lines - 1) {
        out.push(`${[...line].slice(0, -1).join('')}…`);
        return out;
      }
      out.push(line.trimEnd());
      line = '';
      w = 0;
      if (ch === ' ') continue;
    }
    line += ch;
    w += cw;
  }
  if (line) out.push(line);
  return out;
}

/** The plot's size; `top` is a row above the axes for the note of a broken axis. */
export const PLOT = { width: 640, height: 240, left: 56, bottom: 28, top: 18 } as const;

const COLOURS = { axis: '#6b737c', tick: '#3b424a', target: '#9b1c16', deadline: '#5c4300', data: '#0b5d3b', grid: '#d5d9dd' } as const;

/**
 * The plot (axes, year ticks, target, deadline, observations, milestone labels) as the inner
 * markup of an <svg> of PLOT.width × PLOT.height. Marks carry data-date / data-x / data-deadline
 * for tests and readers' tools.
 */
export function chartPlotSvg(model: ChartModel): string {
  const { points, target, deadline, unit, kind } = model;
  const W = PLOT.width - PLOT.left;
  const H = PLOT.height - PLOT.bottom - PLOT.top;
  const { axis } = model;
  const g = chartGeometry({
    points,
    target,
    deadline,
    width: W,
    height: H,
    pad: 14,
    domain: [model.xMin, model.xMax],
    values: [axis.min, axis.max],
    // A zero-based axis starts on the time axis; a broken one leaves room below for its zig-zag.
    padY: [6, axis.broken ? 16 : 0],
  });
  const barW = Math.max(8, Math.min(36, W / Math.max(points.length, 1) / 2));
  const tick = `font-size="12" fill="${COLOURS.tick}"`;
  const parts: string[] = [];
  if (axis.broken) {
    parts.push(
      `<text x="${PLOT.left}" y="13" font-size="12" fill="${COLOURS.tick}" data-axis-change="">纵轴不从 0 开始（≈ 为折断号）${axis.change ? `：${xmlText(axis.change)}` : ''}</text>`,
    );
  }
  parts.push(`<g transform="translate(${PLOT.left},${PLOT.top})">`);
  // The value axis's ticks (chart-model.ts valueAxis), each labelled, with a light grid line.
  for (const v of axis.ticks) {
    const y = g.yOf(v);
    parts.push(`<line x1="-4" x2="${W}" y1="${y}" y2="${y}" stroke="${COLOURS.grid}" stroke-width="0.6" data-value-tick="${v}"/>`);
    parts.push(`<text x="-7" y="${y + 4}" ${tick} text-anchor="end">${xmlText(formatValue(v, unit))}</text>`);
  }
  // Year boundaries as grid lines, each year's label in the middle of its span (chart-model.ts).
  for (const y of model.years) {
    if (y.t !== undefined)
      parts.push(`<line x1="${g.xOfT(y.t)}" x2="${g.xOfT(y.t)}" y1="0" y2="${H + 5}" stroke="${COLOURS.grid}" stroke-width="1" data-year-start="${y.year}"/>`);
    if (y.mid !== undefined) parts.push(`<text x="${g.xOfT(y.mid)}" y="${H + 18}" ${tick} text-anchor="middle" data-year-label="${y.year}">${y.year}</text>`);
  }
  parts.push(`<line x1="0" x2="0" y1="0" y2="${H}" stroke="${COLOURS.axis}" stroke-width="1"/>`);
  parts.push(`<line x1="0" x2="${W}" y1="${H}" y2="${H}" stroke="${COLOURS.axis}" stroke-width="1"/>`);
  if (axis.broken) {
    // A zig-zag across the value axis just above the time axis: the part down to zero is left out.
    const b = H - 8;
    parts.push(
      `<g data-axis-break=""><rect x="-6" y="${b - 6}" width="12" height="10" fill="#ffffff"/><path d="M-6 ${b - 2} l3 -3 l3 3 l3 -3 l3 3 M-6 ${b + 3} l3 -3 l3 3 l3 -3 l3 3" fill="none" stroke="${COLOURS.axis}" stroke-width="1.2"/></g>`,
    );
  }
  if (g.targetY !== undefined) {
    parts.push(`<line x1="0" x2="${W}" y1="${g.targetY}" y2="${g.targetY}" stroke="${COLOURS.target}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    // At the right end, unless the latest mark (and its label) sits there on the target line.
    const last = g.dots.at(-1);
    const crowded = last !== undefined && Math.abs(last.y - g.targetY) < 18 && last.x > W - 120;
    parts.push(
      `<text x="${crowded ? 4 : W - 4}" y="${g.targetY < 20 ? g.targetY + 15 : g.targetY - 5}" font-size="12" fill="${COLOURS.target}" text-anchor="${crowded ? 'start' : 'end'}">目标 ${xmlText(formatValue(target, unit))}</text>`,
    );
  }
  if (g.deadlineX !== undefined) {
    parts.push(
      `<line x1="${g.deadlineX}" x2="${g.deadlineX}" y1="0" y2="${H}" stroke="${COLOURS.deadline}" stroke-width="1.2" stroke-dasharray="2 3" data-deadline="${xmlText(deadline)}"/>`,
    );
    parts.push(`<text x="${g.deadlineX + 4}" y="12" font-size="12" fill="${COLOURS.deadline}">期限 ${xmlText(deadline)}</text>`);
  }
  if (kind === 'count') {
    for (const d of g.dots)
      parts.push(
        `<rect x="${d.x - barW / 2}" y="${Math.min(d.y, g.yOf(0))}" width="${barW}" height="${Math.abs(g.yOf(0) - d.y)}" fill="${COLOURS.data}" data-date="${xmlText(d.date)}" data-x="${d.x}"/>`,
      );
  } else {
    if (points.length > 1) parts.push(`<polyline points="${g.line}" fill="none" stroke="${COLOURS.data}" stroke-width="2.5"/>`);
    for (const d of g.dots) parts.push(`<circle cx="${d.x}" cy="${d.y}" r="4" fill="${COLOURS.data}" data-date="${xmlText(d.date)}" data-x="${d.x}"/>`);
  }
  if (kind === 'milestone' && model.atDeadline) {
    parts.push(
      `<text x="${g.xOf(model.atDeadline.date) + 6}" y="${g.yOf(model.atDeadline.value) + 16}" ${tick}>期限时 ${xmlText(formatValue(model.atDeadline.value, unit))}</text>`,
    );
  }
  if (kind === 'milestone' && model.latest && model.latest.date !== model.atDeadline?.date) {
    parts.push(
      `<text x="${g.xOf(model.latest.date) - 6}" y="${g.yOf(model.latest.value) - 8}" ${tick} text-anchor="end">最新 ${xmlText(formatValue(model.latest.value, unit))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** What the text of the plot says, for aria-label and the image's <desc>. */
export function chartDescription(model: ChartModel): string {
  const { points, target, deadline, unit, kind } = model;
  const milestoneNote =
    kind === 'milestone'
      ? `；期限时 ${model.atDeadline ? formatValue(model.atDeadline.value, unit) : '无数据'}${model.latest && model.latest.date !== model.atDeadline?.date ? `，最新 ${formatValue(model.latest.value, unit)}` : ''}`
      : '';
  return `${kind === 'milestone' ? '完成进度' : '观测值'}：${points.map((p) => `${p.date} ${formatValue(p.value, unit)}`).join('，') || '暂无数据'}；目标 ${formatValue(target, unit)}，期限 ${deadline}${milestoneNote}`;
}

export interface ChartImageMeta {
  title: string;
  /** e.g. "目标 ≥ 25%，期限 2017-12-31". */
  target: string;
  /** The scoreboard class, e.g. "逾期达标". */
  status: string;
  /** The verdict, e.g. "期限时未达标（截至 2017 实际 22.2%）". */
  verdict: string;
  /** Where the numbers come from (the observations' sources and the dataset's publisher). */
  source: string;
  licence: string;
  siteName: string;
  /** The indicator page's absolute URL. */
  url: string;
  /** The build date, YYYY-MM-DD. */
  date: string;
}

/** The date convention, stated in the image itself so a copied picture still says what a year's value is. */
export const YEAR_END_NOTE = '只写年份的值按当年 12 月 31 日（年末值）画出，只写年月的按当月最后一天。';

/** Width and height of the standalone image (its PNG is drawn at twice that). */
export const IMAGE = { width: 720, margin: 40 } as const;
const FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/** The standalone chart image: header (title, target, verdict), the plot, footer (source, licence, site, address, date). */
export function chartImageSvg(model: ChartModel, meta: ChartImageMeta): string {
  const inner = IMAGE.width - 2 * IMAGE.margin;
  const rows: string[] = [];
  let y = 6;
  const line = (text: string, size: number, attrs = '') => {
    y += Math.round(size * 1.45);
    rows.push(`<text x="${IMAGE.margin}" y="${y}" font-size="${size}" ${attrs}>${xmlText(text)}</text>`);
  };
  for (const t of wrapText(meta.title, inner / 22, 2)) line(t, 22, 'font-weight="700" fill="#1b1f23"');
  for (const t of wrapText(`${meta.target}，结论：${meta.status}。${meta.verdict}`, inner / 15, 3)) line(t, 15, 'fill="#3b424a"');
  y += 12;
  const plotY = y;
  const plotX = IMAGE.margin - 8;
  y += PLOT.height + 12;
  rows.push(`<line x1="${IMAGE.margin}" x2="${IMAGE.width - IMAGE.margin}" y1="${y}" y2="${y}" stroke="#d5d9dd"/>`);
  y += 2;
  const small = 'fill="#3b424a"';
  line(YEAR_END_NOTE, 13, `${small} data-year-end=""`);
  for (const t of wrapText(`数据来源：${meta.source}`, inner / 13, 2)) line(t, 13, small);
  line(`许可：${meta.licence}\u3000生成日期：${meta.date}`, 13, small);
  for (const t of wrapText(`${meta.siteName}\u3000${meta.url}`, inner / 13, 2)) line(t, 13, small);
  const height = y + 22;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE.width}" height="${height}" viewBox="0 0 ${IMAGE.width} ${height}" font-family="${FONT}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${xmlText(meta.title)}</title>`,
    `<desc id="chart-desc">${xmlText(`${chartDescription(model)}。数据来源：${meta.source}；许可：${meta.licence}；${meta.siteName} ${meta.url}；生成日期 ${meta.date}`)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...rows,
    `<svg x="${plotX}" y="${plotY}" width="${PLOT.width}" height="${PLOT.height}" viewBox="0 0 ${PLOT.width} ${PLOT.height}" overflow="visible">${chartPlotSvg(model)}</svg>`,
    '</svg>\n',
  ].join('');
}

/** The facts a chart image carries, from an indicator's view and the observations' dataset row. */
export function chartImageMeta(input: {
  view: {
    indicator: { name: string; unit?: string | undefined; target_date: string };
    observations: ReadonlyArray<{ source?: string | undefined }>;
    progress: { target: number; comparator: '>=' | '<='; result: string; explanation: string };
  };
  dataset: { publisher: string; licence: string; licence_url?: string | undefined } | undefined;
  siteName: string;
  url: string;
  date: string;
}): ChartImageMeta {
  const { indicator: ind, observations, progress } = input.view;
  const sources = [...new Set(observations.map((o) => o.source?.trim()).filter((s): s is string => Boolean(s)))];
  const publisher = input.dataset?.publisher;
  const source = [sources.join('；'), publisher && `整理：${publisher}`].filter(Boolean).join('；') || input.siteName;
  const licence = input.dataset ? `${input.dataset.licence}${input.dataset.licence_url ? `（${input.dataset.licence_url}）` : ''}` : '见网站“数据下载”';
  return {
    title: ind.name,
    target: `目标 ${progress.comparator === '>=' ? '≥' : '≤'} ${formatValue(progress.target, ind.unit)}，期限 ${ind.target_date}`,
    status: progress.result,
    verdict: progress.explanation.split('；').slice(1).join('；'),
    source,
    licence,
    siteName: input.siteName,
    url: input.url,
    date: input.date,
  };
}
