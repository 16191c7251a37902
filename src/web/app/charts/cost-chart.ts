import type { ChartDataset } from 'chart.js';
import type { ReadinessChartsView } from '../../api-contract.js';
import { count, money } from '../lib/format.js';
import { baseOptions } from './base-options.js';
import { chartColors } from './chart-setup.js';
import { type DrawableChart, drawable } from './drawable-chart.js';

type Point = { x: number; y: number };

/** US$ per 1,000 calls against monthly volume, prompt against finetune, and the break-even. */
export function costChart(cost: NonNullable<ReadinessChartsView['cost']>): DrawableChart {
  const datasets: ChartDataset<'line', Point[]>[] = [
    {
      label: cost.promptLabel,
      data: cost.points.map((point) => ({ x: point.monthlyCalls, y: point.promptPer1000 })),
      pointRadius: 0,
      borderWidth: 2,
      borderColor: chartColors.blue,
      backgroundColor: chartColors.blue,
    },
    {
      label: cost.finetunedLabel,
      data: cost.points.map((point) => ({ x: point.monthlyCalls, y: point.finetunedPer1000 })),
      pointRadius: 0,
      borderWidth: 2,
      borderColor: chartColors.orange,
      backgroundColor: chartColors.orange,
    },
  ];
  if (cost.breakEven) {
    datasets.push({
      type: 'scatter',
      label: `break-even: ${count(cost.breakEven.monthlyCalls)} calls a month`,
      data: [{ x: cost.breakEven.monthlyCalls, y: cost.breakEven.per1000 }],
      pointRadius: 7,
      pointStyle: 'rectRot',
      borderColor: chartColors.red,
      backgroundColor: chartColors.red,
    } as unknown as ChartDataset<'line', Point[]>);
  }
  const positive = cost.points.every(
    (point) => point.promptPer1000 > 0 && point.finetunedPer1000 > 0,
  );
  return drawable<'line', Point[]>({
    type: 'line',
    data: { datasets },
    options: baseOptions<'line'>({
      scales: {
        x: { type: 'logarithmic', title: { display: true, text: 'calls a month' } },
        y: {
          type: positive ? 'logarithmic' : 'linear',
          title: { display: true, text: 'US$ per 1,000 calls' },
          ticks: { callback: (value) => money(Number(value)) },
        },
      },
    }),
  });
}
