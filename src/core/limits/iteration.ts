import type { GroupTotals } from './evidence-store.js';

/** One evaluation of one variant on one model at one sampling point, in history order. */
export interface Iteration extends GroupTotals {
  /** 1-based position in the task's history. */
  index: number;
  /** Share of trials that passed; a failed call counts as a failure. */
  passRate: number;
  /** 95 % Wilson interval of the pass rate. */
  lower: number;
  upper: number;
  /** `variant on model (sampling)`, for people. */
  label: string;
}
