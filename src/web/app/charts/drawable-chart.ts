import type { ChartConfiguration, ChartType } from 'chart.js';

/**
 * A finished chart configuration. Chart.js's generic types do not widen from one chart type
 * to another, so builders keep their precise types and hand the canvas this opaque box.
 */
export interface DrawableChart {
  readonly configuration: unknown;
}

export function drawable<T extends ChartType, D>(
  configuration: ChartConfiguration<T, D>,
): DrawableChart {
  return { configuration };
}
