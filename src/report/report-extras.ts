import type { Comparison } from '../core/compare/comparison.js';
import type { SweepResult } from '../core/sweep/sweep-result.js';

/** What a report shows beyond the readiness: the latest comparison and sampling sweep. */
export interface ReportExtras {
  comparison?: Comparison | undefined;
  sweep?: SweepResult | undefined;
}
