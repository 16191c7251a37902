import type { Readiness } from '../core/readiness/assess-readiness.js';
import { chartSeries } from './chart-series.js';
import type { ReportExtras } from './report-extras.js';

/** The whole assessment plus the chart series, for programs; JSON escaping makes it inert. */
export function renderJsonReport(readiness: Readiness, extras: ReportExtras = {}): string {
  return `${JSON.stringify(
    {
      format: 'tunegate-report',
      version: 1,
      readiness,
      comparison: extras.comparison ?? null,
      sweep: extras.sweep ?? null,
      charts: chartSeries(readiness, extras),
    },
    null,
    2,
  )}\n`;
}
