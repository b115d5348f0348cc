/**
 * Chart.js, tree-shaken to what the indicator charts use. Imported dynamically by
 * indicator-chart.ts, so pages without a chart never load it. It draws the chart model of
 * src/lib/charts/chart-model.ts, the same one the build-time SVG draws: observations on a linear time
 * axis (a year placed on its last day), years labelled mid-span between grid lines at 1 January, the target as a labelled line, the deadline as a
 * labelled vertical line, and for milestones the value at the deadline beside the latest.
 */
import { BarController, BarElement, CategoryScale, Chart, LineController, LineElement, LinearScale, PointElement, Tooltip, type Plugin } from 'chart.js';
import { chartJsData, type ChartModel } from '../lib/charts/chart-model.ts';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export type ChartSpec = ChartModel;

const GREEN = '#0b5d3b';
const RED = '#9b1c16';
const BROWN = '#5c4300';
const GRID = '#d5d9dd';
const AXIS = '#6b737c';

const fmtValue = (v: number, unit: string) => (unit === '%' ? `${v}%` : `${v}${unit ? ` ${unit}` : ''}`);

/** Draws the deadline as a dashed vertical line and labels it and the target. */
const marks = (model: ChartModel, deadlineX: number): Plugin<'line' | 'bar'> => ({
  id: 'deadline-and-target',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const x = scales.x;
    const y = scales.y;
    if (!x || !y) return;
    ctx.save();
    ctx.font = '12px sans-serif';
    const px = x.getPixelForValue(deadlineX);
    ctx.strokeStyle = BROWN;
    ctx.setLineDash([3, 4]);
    ctx.beginPath();
    ctx.moveTo(px, chartArea.top);
    ctx.lineTo(px, chartArea.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = BROWN;
    ctx.fillText(`期限 ${model.deadline}`, Math.min(px + 4, chartArea.right - 110), chartArea.top + 12);
    const py = y.getPixelForValue(model.target);
    ctx.fillStyle = RED;
    ctx.textAlign = 'right';
    ctx.fillText(`目标 ${fmtValue(model.target, model.unit)}`, chartArea.right - 4, py - 5);
    ctx.restore();
  },
});

/** The zig-zag of a broken value axis (chart-model.ts valueAxis), where the SVG draws it: just above the time axis. */
const axisBreak: Plugin<'line'> = {
  id: 'axis-break',
  afterDraw(chart) {
    const { ctx, chartArea } = chart;
    const x = chartArea.left;
    const b = chartArea.bottom - 8;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x - 6, b - 6, 12, 10);
    ctx.strokeStyle = AXIS;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    for (const dy of [-2, 3]) {
      ctx.moveTo(x - 6, b + dy);
      for (let k = 1; k <= 4; k++) ctx.lineTo(x - 6 + 3 * k, b + dy + (k % 2 ? -3 : 0));
    }
    ctx.stroke();
    ctx.restore();
  },
};

export function drawChart(canvas: HTMLCanvasElement, model: ChartModel): Chart {
  const data = chartJsData(model);
  const fmt = (v: number) => fmtValue(v, model.unit);
  if (model.kind === 'milestone') {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.bars.map((b) => b.label),
        datasets: [{ label: '完成进度', data: data.bars.map((b) => b.value), backgroundColor: [GREEN, '#2f7d5a'] }],
      },
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
  const gridAt = new Set(data.ticks.filter((t) => t.grid).map((t) => t.value));
  const xScale = {
    type: 'linear' as const,
    min: model.xMin,
    max: model.xMax,
    // The model's years: a grid line at each 1 January, the year's label mid-span (not a tick
    // every 365.25 days from wherever the axis starts).
    afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
      axis.ticks = data.ticks.map((t) => ({ value: t.value }));
    },
    ticks: { callback: (v: string | number) => data.ticks.find((t) => t.value === Number(v))?.label ?? '', autoSkip: false, maxRotation: 0 },
    grid: { color: (c: { tick?: { value: number } }) => (gridAt.has(c.tick?.value ?? Number.NaN) ? GRID : 'transparent') },
  };
  const tooltip = {
    callbacks: {
      title: (items: Array<{ raw: unknown }>) => (items[0]?.raw as { date?: string } | undefined)?.date ?? '',
      label: (c: { raw: unknown; dataset: { label?: string } }) => `${c.dataset.label ?? ''} ${fmt(Number((c.raw as { y: number }).y))}`,
    },
  };
  const targetSet = { type: 'line' as const, label: '目标', data: data.target, borderColor: RED, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 };
  const observed =
    model.kind === 'count'
      ? { type: 'bar' as const, label: '观测值', data: data.observations, backgroundColor: GREEN, barThickness: 14 }
      : { type: 'line' as const, label: '观测值', data: data.observations, borderColor: GREEN, backgroundColor: GREEN, borderWidth: 2.5, pointRadius: 4 };
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [observed, targetSet] as never },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: xScale,
        // The model's value axis, as the SVG and PNG draw it: zero-based unless broken, the same ticks.
        y: {
          // A broken axis reaches a little below its lowest tick, where the zig-zag goes, as in the SVG.
          min: model.axis.broken ? model.axis.min - (model.axis.max - model.axis.min) * 0.08 : model.axis.min,
          max: model.axis.max,
          afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
            axis.ticks = model.axis.ticks.map((value) => ({ value }));
          },
          ticks: { callback: (v: string | number) => fmt(Number(v)) },
        },
      },
      plugins: { tooltip },
    },
    plugins: [marks(model, data.deadlineX) as Plugin<'line'>, ...(model.axis.broken ? [axisBreak] : [])],
  });
}
