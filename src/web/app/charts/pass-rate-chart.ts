import type { ReadinessChartsView } from '../../api-contract.js';
import { baseOptions } from './base-options.js';
import { chartColors, percentTick } from './chart-setup.js';
import type { DrawableChart } from './drawable-chart.js';

/** Each variant on each model: its 95 % interval as a floating bar, the rate, the target. */
export function passRateChart(series: ReadinessChartsView): DrawableChart {
  const rates = series.passRates;
  // A bar chart with line datasets on top: a mixed chart, which Chart.js types cannot express.
  const configuration = {
    type: 'bar',
    data: {
      labels: rates.map((rate) => rate.label),
      datasets: [
        {
          type: 'bar',
          label: '95% interval',
          data: rates.map((rate) => [rate.lower, rate.upper] as [number, number]),
          backgroundColor: 'rgba(37, 99, 235, 0.25)',
          borderColor: chartColors.blue,
          borderWidth: 1,
        },
        {
          type: 'line',
          label: 'pass rate',
          data: rates.map((rate) => rate.passRate),
          showLine: false,
          pointRadius: 5,
          borderColor: chartColors.blue,
          backgroundColor: chartColors.blue,
        },
        {
          type: 'line',
          label: 'target',
          data: rates.map(() => series.targetPassRate),
          borderDash: [6, 4],
          pointRadius: 0,
          borderColor: chartColors.red,
          backgroundColor: chartColors.red,
        },
      ],
    },
    options: baseOptions<'bar'>({
      scales: { y: { min: 0, max: 1, ticks: { callback: percentTick } } },
    }),
  };
  return { configuration };
}
