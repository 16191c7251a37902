import type { SweepResult } from '../sweep/sweep-result.js';
import type { Comparison } from './comparison.js';

/** Where comparisons and sweeps are kept for `show` and the report; `store/` implements it. */
export interface ComparisonStore {
  saveComparison(comparison: Comparison): void;
  latestComparison(taskName: string): Comparison | undefined;
  saveSweep(sweep: SweepResult): void;
  latestSweep(taskName: string): SweepResult | undefined;
}
