import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

let registered = false;

/** Registers only the chart parts the app draws, once. */
export function chartLibrary(): typeof Chart {
  if (!registered) {
    Chart.register(
      BarController,
      BarElement,
      CategoryScale,
      Filler,
      Legend,
      LinearScale,
      LineController,
      LineElement,
      LogarithmicScale,
      PointElement,
      ScatterController,
      Tooltip,
    );
    registered = true;
  }
  return Chart;
}

export const chartColors = {
  blue: '#2563eb',
  orange: '#ea580c',
  green: '#16a34a',
  grey: '#6b7280',
  red: '#dc2626',
} as const;

export const percentTick = (value: number | string): string =>
  `${Math.round(Number(value) * 100)}%`;
