import { createEffect, For, onCleanup } from 'solid-js';
import uPlot from 'uplot';

export interface DaySeries {
  label: string;
  values: number[];
  color: string;
  /** Written on each number cell, for tests and for reading the page's HTML. */
  metric: string;
}

const DAY_SECONDS = 86_400;
const toSeconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/**
 * A chart of counts per UTC day (uPlot, on a canvas) with the numbers beside it: one row a day and
 * the range's total. Bars take one series, or two side by side; more series are lines.
 */
export function DayChart(props: { title: string; dates: string[]; series: DaySeries[]; bars?: boolean }) {
  const bars = () => props.bars && props.series.length <= 2;
  let container!: HTMLDivElement;
  let plot: uPlot | undefined;

  const options = (): uPlot.Options => {
    // One bar series centred on its day, two side by side.
    const pair = props.series.length === 2;
    return {
      width: 560,
      height: 240,
      // The API counts UTC days: the axis shows them so, whatever the browser's zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: {
        x: { time: true, range: (_u, min, max) => [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [{ space: 60 }, { space: 30, values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) }],
      legend: { show: true },
      series: [
        {},
        ...props.series.map((series, index) => ({
          label: series.label,
          stroke: series.color,
          fill: bars() ? series.color : undefined,
          width: bars() ? 0 : 2,
          paths: bars() ? uPlot.paths.bars!({ size: [pair ? 0.4 : 0.7, 40], align: pair ? (index === 0 ? -1 : 1) : 0 }) : undefined,
          points: { show: !bars() },
        })),
      ],
    };
  };

  createEffect(() => {
    const data: uPlot.AlignedData = [props.dates.map(toSeconds), ...props.series.map((series) => series.values)];
    plot?.destroy();
    plot = new uPlot(options(), data, container);
  });
  onCleanup(() => plot?.destroy());

  return (
    <section class="ops-card">
      <h2>{props.title}</h2>
      <div class="ops-chart-row">
        <div class="ops-chart" ref={container} />
        <div class="ops-numbers">
          <table>
            <thead>
              <tr>
                <th>Day (UTC)</th>
                <For each={props.series}>{(series) => <th>{series.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.dates}>
                {(date, index) => (
                  <tr>
                    <td>{date}</td>
                    <For each={props.series}>
                      {(series) => (
                        <td class="num" data-metric={series.metric} data-date={date}>
                          {series.values[index()]}
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th>Total</th>
                <For each={props.series}>
                  {(series) => (
                    <th class="num" data-metric={series.metric} data-total="">
                      {series.values.reduce((total, value) => total + value, 0)}
                    </th>
                  )}
                </For>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  );
}
