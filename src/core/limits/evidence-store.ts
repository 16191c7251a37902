import type { CheckKind } from '../../spec/check-result.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { RunKind, RunRecord } from '../eval/run-record.js';
import type { ShareMoments } from '../statistics/case-pass-rate.js';

/** One (run, variant, model, sampling point) group of cells: what one iteration evaluated. */
export interface GroupKey {
  runId: string;
  variant: string;
  model: string;
  samplingIndex: number;
}

/** Counts are over (case, repeat) trials; a failed call is a trial that did not pass. */
export interface Tally {
  trials: number;
  passed: number;
  /** Answered, but a `format` check failed. */
  formatFailed: number;
  /** The call failed (no output). */
  errors: number;
}

export interface GroupTotals extends GroupKey, Tally {
  runKind: RunKind;
  runCreatedAt: string;
  sampling: SamplingOptions;
  /** Distinct cases evaluated. */
  cases: number;
  /** Per-case pass shares over answered repeats (failed calls left out), for case-level intervals. */
  shares: ShareMoments;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when any answered cell had no known price. */
  cost: number | null;
}

export interface CaseTally extends Tally {
  caseId: string;
}

export interface VariantCaseTally extends CaseTally {
  variant: string;
}

/** A reason calls of one group failed, with how many did. */
export interface ErrorReason {
  code: string | null;
  /** One message of this kind, as the provider gave it. */
  message: string;
  count: number;
}

export interface CheckFailureCount {
  name: string;
  kind: CheckKind;
  failures: number;
}

export interface GroupOutput {
  caseId: string;
  repeat: number;
  output: string | null;
  passed: boolean | null;
  formatPassed: boolean | null;
}

/**
 * What limits analysis, gates and reports read from persistence; `store/` implements it with
 * SQL aggregates. Only completed `eval` and `probe` runs of the named task count as evidence.
 */
export interface EvidenceStore {
  listRuns(): RunRecord[];
  /** Every group of the task's completed runs, oldest run first. */
  groupTotals(taskName: string): GroupTotals[];
  /**
   * Trials and passes per (variant, case) over the task's completed runs, leaving out groups
   * with more than `maxFailedShare` failed calls (incomplete evidence).
   */
  variantCaseTallies(taskName: string, maxFailedShare: number): VariantCaseTally[];
  caseTallies(group: GroupKey): CaseTally[];
  /** Why one group's calls failed, commonest first (messages differing only in numbers merge). */
  errorReasons(group: GroupKey, limit?: number): ErrorReason[];
  /** Failed checks of one group, by check name and kind, most failures first. */
  checkFailures(group: GroupKey): CheckFailureCount[];
  /** One group's cells in case then repeat order. */
  iterateGroupOutputs(group: GroupKey): IterableIterator<GroupOutput>;
}
