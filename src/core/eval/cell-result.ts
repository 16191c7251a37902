import type { CheckResult } from '../../spec/check-result.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';

/** Identifies one cell of a run matrix: variant × model × sampling point × case × repeat. */
export interface CellCoordinates {
  key: string;
  variant: string;
  model: string;
  samplingIndex: number;
  sampling: SamplingOptions;
  caseId: string;
  repeat: number;
}

export interface CellResult extends CellCoordinates {
  status: 'ok' | 'error';
  output: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** All checks passed; null when the call failed. */
  passed: boolean | null;
  /** All `format` checks passed; null when the call failed. */
  formatPassed: boolean | null;
  checks: CheckResult[];
  inputTokens: number;
  outputTokens: number;
  tokensEstimated: boolean;
  /** US dollars, null when the model has no known price. */
  cost: number | null;
  latencyMs: number;
  finishReason: FinishReason | null;
  cached: boolean;
  attempts: number;
}
