import type { ChartDataset } from 'chart.js';
import type { JobDetail } from '../../api-contract.js';
import { baseOptions } from './base-options.js';
import { chartColors } from './chart-setup.js';
import { type DrawableChart, drawable } from './drawable-chart.js';

type Point = { x: number; y: number };

/** Training loss by step, and validation loss where the engine reports it. */
export function lossChart(loss: JobDetail['loss']): DrawableChart {
  const datasets: ChartDataset<'line', Point[]>[] = [
    {
      label: 'training loss',
      data: loss.map((point) => ({ x: point.step, y: point.loss })),
      pointRadius: 0,
      borderWidth: 2,
      borderColor: chartColors.blue,
      backgroundColor: chartColors.blue,
    },
  ];
  const validation = loss.filter((point) => point.validationLoss !== null);
  if (validation.length > 0) {
    datasets.push({
      label: 'validation loss',
      data: validation.map((point) => ({ x: point.step, y: point.validationLoss as number })),
      pointRadius: 3,
      borderWidth: 2,
      borderColor: chartColors.orange,
      backgroundColor: chartColors.orange,
    });
  }
  return drawable<'line', Point[]>({
    type: 'line',
    data: { datasets },
    options: baseOptions<'line'>({
      scales: {
        x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { precision: 0 } },
        y: { title: { display: true, text: 'loss' } },
      },
    }),
  });
}
