/**
 * Chart.js, tree-shaken to what the indicator charts use. Imported dynamically by
 * indicator-chart.ts, so pages without a chart never load it.
 */
import type { IndicatorKind } from '../schemas/enums.ts';
import { BarController, BarElement, CategoryScale, Chart, LineController, LineElement, LinearScale, PointElement, Tooltip, type Plugin } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartSpec {
  kind: IndicatorKind;
  unit: string;
  target: number;
  deadline: string;
  points: Array<{ date: string; value: number }>;
}

const GREEN = '#0b5d3b';
const RED = '#9b1c16';
const BROWN = '#5c4300';

/** Draws a dashed vertical line at the deadline's label. */
const deadlineLine = (label: string): Plugin<'line' | 'bar'> => ({
  id: 'deadline',
  afterDatasetsDraw(chart) {
    const x = chart.scales.x;
    const labels = chart.data.labels as string[] | undefined;
    const i = labels?.indexOf(label) ?? -1;
    if (!x || i < 0) return;
    const px = x.getPixelForValue(i);
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = BROWN;
    ctx.setLineDash([3, 4]);
    ctx.beginPath();
    ctx.moveTo(px, chartArea.top);
    ctx.lineTo(px, chartArea.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = BROWN;
    ctx.font = '12px sans-serif';
    ctx.fillText(`期限 ${label}`, Math.min(px + 4, chartArea.right - 90), chartArea.top + 12);
    ctx.restore();
  },
});

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): Chart {
  const fmt = (v: number) => (spec.unit === '%' ? `${v}%` : `${v}${spec.unit ? ` ${spec.unit}` : ''}`);
  if (spec.kind === 'milestone') {
    const latest = spec.points[spec.points.length - 1];
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: [latest ? `截至 ${latest.date}` : '暂无数据'], datasets: [{ label: '完成进度', data: [latest?.value ?? 0], backgroundColor: GREEN }] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
        plugins: { tooltip: { callbacks: { label: (c) => fmt(Number(c.raw)) } } },
      },
    });
  }
  const labels = [...new Set([...spec.points.map((p) => p.date), spec.deadline])].sort();
  const values = labels.map((l) => spec.points.find((p) => p.date === l)?.value ?? null);
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    scales: { y: { ticks: { callback: (v: string | number) => fmt(Number(v)) } } },
    plugins: { tooltip: { callbacks: { label: (c: { raw: unknown; dataset: { label?: string } }) => `${c.dataset.label ?? ''} ${fmt(Number(c.raw))}` } } },
  };
  const targetSet = { type: 'line' as const, label: '目标', data: labels.map(() => spec.target), borderColor: RED, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, spanGaps: true };
  if (spec.kind === 'count') {
    return new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ type: 'bar', label: '观测值', data: values, backgroundColor: GREEN }, targetSet] },
      options: common,
      plugins: [deadlineLine(spec.deadline) as Plugin<'bar'>],
    });
  }
  return new Chart(canvas, {
    type: 'line',
    data: { labels, datasets: [{ label: '观测值', data: values, borderColor: GREEN, backgroundColor: GREEN, borderWidth: 2.5, pointRadius: 4, spanGaps: true }, targetSet] },
    options: common,
    plugins: [deadlineLine(spec.deadline) as Plugin<'line'>],
  });
}
