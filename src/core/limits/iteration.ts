import type { GroupTotals } from './evidence-store.js';

/** One evaluation of one variant on one model at one sampling point, in history order. */
export interface Iteration extends GroupTotals {
  /** 1-based position in the task's history. */
  index: number;
  /** Mean over answered cases of each case's pass share; failed calls are left out. */
  passRate: number;
  /** 95 % interval of the pass rate with the case as the unit (docs/metrics.md). */
  lower: number;
  upper: number;
  /** Cases with an answer: the unit of inference. */
  answeredCases: number;
  /** Estimated design effect per case (1: repeats agree within cases). */
  designEffect: number;
  /** Failed calls ÷ cells. */
  failedShare: number;
  /**
   * More than the policy's share of calls failed, or none was answered: the group is shown but
   * is not evidence (not best, not a gate-2 variant, not in the plateau or the limits matrix).
   */
  incomplete: boolean;
  /** `variant on model (sampling)`, for people. */
  label: string;
}
