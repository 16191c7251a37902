import type { Readiness } from '../core/readiness/assess-readiness.js';
import { chartSeries } from './chart-series.js';

/** The whole assessment plus the chart series, for programs; JSON escaping makes it inert. */
export function renderJsonReport(readiness: Readiness): string {
  return `${JSON.stringify(
    { format: 'tunegate-report', version: 1, readiness, charts: chartSeries(readiness) },
    null,
    2,
  )}\n`;
}
