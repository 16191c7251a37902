import type { ChartDataset } from 'chart.js';
import type { IterationChartView } from '../../api-contract.js';
import { baseOptions } from './base-options.js';
import { chartColors, percentTick } from './chart-setup.js';
import { type DrawableChart, drawable } from './drawable-chart.js';

type Point = { x: number; y: number; label?: string };

/** The plateau chart: each iteration's pass rate, the best so far, the target, the window. */
export function iterationChart(series: IterationChartView): DrawableChart {
  const points = series.iterations;
  const last = points.at(-1)?.index ?? 1;
  const datasets: ChartDataset<'line', Point[]>[] = [
    {
      label: 'pass rate of each iteration',
      data: points.map((point) => ({ x: point.index, y: point.passRate, label: point.label })),
      showLine: false,
      pointRadius: 3,
      borderColor: chartColors.grey,
      backgroundColor: chartColors.grey,
    },
    {
      label: 'best so far',
      data: points.map((point) => ({ x: point.index, y: point.bestSoFar })),
      stepped: true,
      borderWidth: 2,
      pointRadius: 0,
      borderColor: chartColors.blue,
      backgroundColor: chartColors.blue,
    },
    {
      label: 'target',
      data: [
        { x: 1, y: series.targetPassRate },
        { x: last, y: series.targetPassRate },
      ],
      borderDash: [6, 4],
      pointRadius: 0,
      borderColor: chartColors.red,
      backgroundColor: chartColors.red,
    },
  ];
  if (series.plateau) {
    datasets.push({
      label: 'plateau: the window the rule looked at',
      data: [
        { x: series.plateau.start, y: series.plateau.level },
        { x: series.plateau.end, y: series.plateau.level },
      ],
      borderWidth: 12,
      pointRadius: 0,
      borderColor: 'rgba(234, 88, 12, 0.35)',
      backgroundColor: 'rgba(234, 88, 12, 0.35)',
    });
  }
  return drawable<'line', Point[]>({
    type: 'line',
    data: { datasets },
    options: baseOptions<'line'>({
      scales: {
        x: {
          type: 'linear',
          min: 1,
          max: Math.max(last, 2),
          title: { display: true, text: 'iteration' },
          ticks: { precision: 0 },
        },
        y: {
          min: 0,
          max: 1,
          title: { display: true, text: 'pass rate' },
          ticks: { callback: percentTick },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (context) => {
              const raw = context.raw as Point;
              return `${raw.label ? `${raw.label}: ` : ''}${percentTick(context.parsed.y ?? 0)}`;
            },
          },
        },
      },
    }),
  });
}
