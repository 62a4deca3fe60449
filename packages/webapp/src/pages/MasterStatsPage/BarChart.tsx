import { onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  label: string;
  values: number[];
  /** The main figure in the button colour; a secondary one behind it, paler. */
  tone: 'main' | 'behind';
}

interface BarChartProps {
  /** What each bar stands for, under it (some are left out when they would not fit). */
  labels: string[];
  /** Drawn in order: a series `behind` first, then the main one over it. */
  series: BarSeries[];
  /** What the chart shows, for screen readers. */
  description: string;
  height?: number;
}

/** The colour a theme variable (styles.css, Telegram's theme) has now: a canvas takes no `var()`. */
function themeColor(element: Element, variable: string): string {
  return getComputedStyle(element).getPropertyValue(variable).trim();
}

/**
 * Bars of whole numbers with uPlot, in the Telegram theme's colours: drawn again when the container
 * changes width or the theme changes (Telegram sets its colours on the root element's style).
 */
export function BarChart(props: BarChartProps) {
  let container!: HTMLDivElement;
  let chart: uPlot | undefined;

  const draw = () => {
    chart?.destroy();
    const width = container.clientWidth;
    if (width === 0) return;
    const hint = themeColor(container, '--color-hint');
    const separator = themeColor(container, '--color-separator');
    const accent = themeColor(container, '--color-button');
    const count = props.labels.length;
    const xs = props.labels.map((_, index) => index);
    // A label every `step` bars, so that each has about 34 px.
    const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(width / 34))));
    const bars = uPlot.paths.bars?.({ size: [0.7, 28], gap: 1 });
    chart = new uPlot(
      {
        width,
        height: props.height ?? 160,
        legend: { show: false },
        cursor: { show: false },
        padding: [8, 4, 0, 0],
        scales: {
          x: { time: false, range: [-0.5, count - 0.5] },
          y: { range: (_chart, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        },
        axes: [
          {
            stroke: hint,
            font: '11px system-ui, sans-serif',
            grid: { show: false },
            ticks: { show: false },
            size: 24,
            gap: 4,
            splits: () => xs.filter((index) => index % step === 0),
            values: (_chart, splits) => splits.map((index) => props.labels[index] ?? ''),
          },
          {
            stroke: hint,
            font: '11px system-ui, sans-serif',
            grid: { stroke: separator, width: 1 },
            ticks: { show: false },
            size: 32,
            gap: 4,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
            values: (_chart, splits) => splits.map((value) => String(value)),
          },
        ],
        series: [
          {},
          ...props.series.map((series) => ({
            label: series.label,
            fill: accent,
            stroke: accent,
            width: 0,
            alpha: series.tone === 'main' ? 1 : 0.3,
            paths: bars,
            points: { show: false },
          })),
        ],
      },
      [xs, ...props.series.map((series) => series.values)],
      container,
    );
  };

  onMount(() => {
    draw();
    let width = container.clientWidth;
    const resized = new ResizeObserver(() => {
      if (container.clientWidth === width) return;
      width = container.clientWidth;
      draw();
    });
    resized.observe(container);
    const themed = new MutationObserver(draw);
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    onCleanup(() => {
      resized.disconnect();
      themed.disconnect();
      chart?.destroy();
    });
  });

  return <div ref={container} class="stats__chart" role="img" aria-label={props.description} />;
}
