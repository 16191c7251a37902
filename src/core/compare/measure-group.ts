import { ErrorReasonCounter } from '../eval/error-reason-counter.js';
import type { EvalStore } from '../eval/eval-store.js';
import { withFix } from '../eval/failed-calls.js';
import { type GroupQuality, GroupQualityAccumulator } from '../eval/group-quality.js';
import { samplingLabel } from '../eval/sampling-points.js';
import type { ErrorReason } from '../limits/evidence-store.js';
import { latencySummary } from '../metrics/percentile.js';
import type { AnsweredTally } from '../statistics/answered-tally.js';

/** One (run, variant, model, sampling point) group of cells. */
export interface GroupRef {
  runId: string;
  variant: string;
  model: string;
  samplingIndex: number;
}

export interface MeasuredGroup {
  /** Answered repeats and passes per case; failed calls are left out. */
  tallies: Map<string, AnsweredTally>;
  /** Answered trials and those that passed. */
  trials: number;
  passed: number;
  /** Failed calls, and the commonest reason with its fix (null without failed calls). */
  errors: number;
  commonestError: (ErrorReason & { fix: string }) | null;
  sampling: string;
  quality: GroupQuality;
  latencyP50: number | null;
  latencyP95: number | null;
  /** Means over answered calls; null when none answered. */
  inputTokensPerCall: number | null;
  outputTokensPerCall: number | null;
}

/** Streams one group's cells (the store yields them case by case) and measures them. */
export function measureGroup(
  store: EvalStore,
  group: GroupRef,
  options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {},
): MeasuredGroup {
  const quality = new GroupQualityAccumulator(options);
  const tallies = new Map<string, AnsweredTally>();
  const latencies: number[] = [];
  let passed = 0;
  let errors = 0;
  const reasons = new ErrorReasonCounter();
  let inputTokens = 0;
  let outputTokens = 0;
  let answered = 0;
  let sampling = 'default';
  for (const cell of store.iterateCells(group.runId, { group })) {
    sampling = samplingLabel(cell.sampling);
    let tally = tallies.get(cell.caseId);
    if (!tally) {
      tally = { caseId: cell.caseId, answered: 0, passed: 0 };
      tallies.set(cell.caseId, tally);
    }
    if (cell.status === 'error' || cell.output === null) {
      errors++;
      reasons.add(cell.errorCode, cell.errorMessage);
      continue;
    }
    const pass = cell.passed === true;
    tally.answered++;
    answered++;
    if (pass) {
      tally.passed++;
      passed++;
    }
    inputTokens += cell.inputTokens;
    outputTokens += cell.outputTokens;
    latencies.push(cell.latencyMs);
    quality.add(cell.caseId, cell.output, pass);
  }
  const latency = latencySummary(latencies);
  return {
    tallies,
    trials: answered,
    passed,
    errors,
    commonestError: withFix(reasons.top(1)[0]),
    sampling,
    quality: quality.finish(),
    latencyP50: latency?.p50 ?? null,
    latencyP95: latency?.p95 ?? null,
    inputTokensPerCall: answered > 0 ? inputTokens / answered : null,
    outputTokensPerCall: answered > 0 ? outputTokens / answered : null,
  };
}
