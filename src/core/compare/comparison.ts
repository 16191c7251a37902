import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { DiversityApplicability } from '../metrics/diversity-applicability.js';
import type { CostPoint } from '../readiness/economics.js';

export type ArmRole = 'finetuned' | 'best-prompt' | 'base';

/** One side of the comparison: a (run, variant, model, sampling point) group, measured. */
export interface ComparisonArm {
  role: ArmRole;
  /** `variant on model (sampling)`, for people. */
  label: string;
  model: string;
  ref: string;
  variant: string;
  runId: string;
  samplingIndex: number;
  sampling: string;
  /**
   * The settings its calls ran at, from the stored cells. Absent in comparisons stored
   * before settings were recorded.
   */
  settings?: SamplingOptions;
  /** The run existed before this comparison (it was not run again). */
  reused: boolean;
  /** Why a stored run was not reused (e.g. it ran at other settings); absent when none was. */
  rerunReason?: string;
  /** Answered trials (failed calls left out) and those that passed. */
  trials: number;
  passed: number;
  /** Cases with an answer: the unit of the interval. */
  cases?: number;
  /** Failed calls: counted, never scored. */
  errors?: number;
  /** The commonest reason calls failed, with its fix; absent in comparisons stored before. */
  commonestError?: { code: string | null; message: string; count: number; fix: string } | null;
  /** Mean over cases of each case's pass share. */
  passRate: number;
  /** 95 % interval with the case as the unit. */
  lower: number;
  upper: number;
  /**
   * Paired test against the best prompt over the cases both answered (exact McNemar with one
   * repeat, else sign-flip): `pairs` cases, of which this arm passed more often in `onlyThis`
   * and the best prompt in `onlyBest`.
   */
  versusBest: {
    pairs: number;
    onlyThis: number;
    onlyBest: number;
    p: number;
    method?: string;
    pairing?: string;
  } | null;
  /** Mean modal agreement over repeats; null with fewer than 2 repeats. */
  consistency: number | null;
  passAllRepeats: number | null;
  diversity: {
    withinDistinct2: number | null;
    withinSelfBleu: number | null;
    acrossDistinct2: number | null;
    acrossSelfBleu: number | null;
    /**
     * Whether the figures above mean variety (not for labels or answers of a few words);
     * absent in comparisons stored before it was measured.
     */
    applicability?: DiversityApplicability;
  };
  latencyP50: number | null;
  latencyP95: number | null;
  inputTokensPerCall: number | null;
  outputTokensPerCall: number | null;
  /** US$ per 1,000 calls at the measured tokens; null when the price is unknown. */
  costPer1000: number | null;
}

/** The finetuned model (short prompt) against the best prompt and the base model. */
export interface Comparison {
  id: string;
  taskName: string;
  createdAt: string;
  evalCases: number;
  repeats: number;
  /**
   * The sampling every arm was to run at: the task's as its file says it now (with the best
   * prompt's own axes), then the command line's. Absent in comparisons stored before.
   */
  settings?: SamplingOptions;
  /** Arms that did not run alike, said loudly; empty when every arm ran at `settings`. */
  warnings?: string[];
  arms: ComparisonArm[];
  economics: {
    trainingCost: number | null;
    trainingMethod: string;
    /** Calls after which training has paid for itself; null when never or unknown. */
    breakEvenCalls: number | null;
    breakEvenMonthlyCalls: number | null;
    paybackMonths: number;
    neverBreaksEven: boolean;
    curve: CostPoint[];
    summary: string;
  };
  /** One sentence on what the numbers say. */
  verdict: string;
}
