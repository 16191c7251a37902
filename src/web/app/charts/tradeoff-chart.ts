import type { ChartDataset } from 'chart.js';
import type { ReadinessChartsView } from '../../api-contract.js';
import { baseOptions } from './base-options.js';
import { chartColors, percentTick } from './chart-setup.js';
import { type DrawableChart, drawable } from './drawable-chart.js';

type Point = { x: number; y: number; label?: string };

/**
 * Consistency against diversity per variant on model, with the target and the floor; for
 * labels and short answers, against the answer spread across inputs (no floor).
 */
export function tradeoffChart(series: ReadinessChartsView): DrawableChart {
  const datasets: ChartDataset<'scatter', Point[]>[] = [
    {
      label: 'variant on model',
      data: series.tradeoff.map((point) => ({
        x: point.consistency,
        y: point.value,
        label: point.label,
      })),
      pointRadius: 6,
      borderColor: chartColors.green,
      backgroundColor: chartColors.green,
    },
  ];
  const spread = series.tradeoffMeasure === 'answer spread';
  if (series.diversityFloor !== null && !spread) {
    datasets.push({
      type: 'line',
      label: 'diversity floor',
      data: [
        { x: 0, y: series.diversityFloor },
        { x: 1, y: series.diversityFloor },
      ],
      borderDash: [6, 4],
      pointRadius: 0,
      borderColor: chartColors.red,
      backgroundColor: chartColors.red,
    } as unknown as ChartDataset<'scatter', Point[]>);
  }
  if (series.consistencyTarget !== null) {
    datasets.push({
      type: 'line',
      label: 'consistency target',
      data: [
        { x: series.consistencyTarget, y: 0 },
        { x: series.consistencyTarget, y: 1 },
      ],
      borderDash: [2, 3],
      pointRadius: 0,
      borderColor: chartColors.orange,
      backgroundColor: chartColors.orange,
    } as unknown as ChartDataset<'scatter', Point[]>);
  }
  return drawable<'scatter', Point[]>({
    type: 'scatter',
    data: { datasets },
    options: baseOptions<'scatter'>({
      scales: {
        x: {
          min: 0,
          max: 1,
          title: { display: true, text: 'consistency (agreement across repeats)' },
          ticks: { callback: percentTick },
        },
        y: {
          min: 0,
          max: 1,
          title: {
            display: true,
            text: spread
              ? 'answer spread across inputs (diversity n/a)'
              : 'diversity (distinct-2 across inputs)',
          },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (context) => {
              const raw = context.raw as Point;
              return `${raw.label ?? ''}: ${percentTick(context.parsed.x ?? 0)}, ${(context.parsed.y ?? 0).toFixed(3)}`;
            },
          },
        },
      },
    }),
  });
}
