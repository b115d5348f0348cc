/**
 * <indicator-chart data-spec="…">: replaces the build-time SVG inside it with a Chart.js
 * chart. Chart.js is fetched only here, by dynamic import. If anything fails, the SVG and
 * the data table stay, so nothing is lost.
 */
import type { ChartSpec } from './chart-setup.ts';

class IndicatorChart extends HTMLElement {
  connectedCallback(): void {
    const raw = this.dataset.spec;
    if (!raw) return;
    const spec = JSON.parse(raw) as ChartSpec;
    void import('./chart-setup.ts').then(({ drawChart }) => {
      const box = document.createElement('div');
      box.className = 'chart-box';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', this.querySelector('svg')?.getAttribute('aria-label') ?? '指标图表');
      box.append(canvas);
      this.prepend(box);
      const chart = drawChart(canvas, spec);
      const x = chart.scales.x;
      // Where Chart.js placed the deadline and each observation, for readers' tools and tests.
      if (x && spec.kind !== 'milestone') {
        canvas.dataset.placement = JSON.stringify({
          deadline: x.getPixelForValue(spec.deadlineT),
          points: spec.points.map((p) => ({ date: p.date, x: x.getPixelForValue(p.t) })),
          ticks: x.ticks.map((t) => ({ value: t.value, label: String(t.label ?? '') })),
          values: chart.scales.y ? { min: chart.scales.y.min, max: chart.scales.y.max, ticks: chart.scales.y.ticks.map((t) => t.value) } : undefined,
        });
      }
      this.dataset.ready = 'true';
    });
  }
}

if (!customElements.get('indicator-chart')) customElements.define('indicator-chart', IndicatorChart);
