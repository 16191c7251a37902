import type { ChartOptions } from 'chart.js';

/** As the report draws them: no animation (complete at once), legend below. */
export function baseOptions<T extends 'line' | 'bar' | 'scatter'>(
  extra: ChartOptions<T>,
): ChartOptions<T> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: true,
    aspectRatio: 2.2,
    ...extra,
    plugins: { legend: { position: 'bottom' }, ...(extra?.plugins ?? {}) },
  } as ChartOptions<T>;
}
