import type { EvalStore } from '../eval/eval-store.js';
import { type GroupQuality, GroupQualityAccumulator } from '../eval/group-quality.js';
import { samplingLabel } from '../eval/sampling-points.js';
import { latencySummary } from '../metrics/percentile.js';

/** One (run, variant, model, sampling point) group of cells. */
export interface GroupRef {
  runId: string;
  variant: string;
  model: string;
  samplingIndex: number;
}

export interface MeasuredGroup {
  /** Pass or fail per `caseId\0repeat`; a failed call is a fail. */
  outcomes: Map<string, boolean>;
  trials: number;
  passed: number;
  sampling: string;
  quality: GroupQuality;
  latencyP50: number | null;
  latencyP95: number | null;
  /** Means over answered calls; null when none answered. */
  inputTokensPerCall: number | null;
  outputTokensPerCall: number | null;
}

export const trialKey = (caseId: string, repeat: number): string => `${caseId}\u0000${repeat}`;

/** Streams one group's cells (the store yields them case by case) and measures them. */
export function measureGroup(
  store: EvalStore,
  group: GroupRef,
  options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {},
): MeasuredGroup {
  const quality = new GroupQualityAccumulator(options);
  const outcomes = new Map<string, boolean>();
  const latencies: number[] = [];
  let passed = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let answered = 0;
  let sampling = 'default';
  for (const cell of store.iterateCells(group.runId)) {
    if (
      cell.variant !== group.variant ||
      cell.model !== group.model ||
      cell.samplingIndex !== group.samplingIndex
    ) {
      continue;
    }
    sampling = samplingLabel(cell.sampling);
    const pass = cell.passed === true;
    outcomes.set(trialKey(cell.caseId, cell.repeat), pass);
    if (pass) passed++;
    if (cell.status === 'error' || cell.output === null) continue;
    answered++;
    inputTokens += cell.inputTokens;
    outputTokens += cell.outputTokens;
    latencies.push(cell.latencyMs);
    quality.add(cell.caseId, cell.output, pass);
  }
  const latency = latencySummary(latencies);
  return {
    outcomes,
    trials: outcomes.size,
    passed,
    sampling,
    quality: quality.finish(),
    latencyP50: latency?.p50 ?? null,
    latencyP95: latency?.p95 ?? null,
    inputTokensPerCall: answered > 0 ? inputTokens / answered : null,
    outputTokensPerCall: answered > 0 ? outputTokens / answered : null,
  };
}

/** Discordant pairs of two groups on the trials both have. */
export function pairOutcomes(
  first: ReadonlyMap<string, boolean>,
  second: ReadonlyMap<string, boolean>,
): { pairs: number; onlyFirst: number; onlySecond: number } {
  let pairs = 0;
  let onlyFirst = 0;
  let onlySecond = 0;
  for (const [trial, pass] of first) {
    const other = second.get(trial);
    if (other === undefined) continue;
    pairs++;
    if (pass && !other) onlyFirst++;
    else if (!pass && other) onlySecond++;
  }
  return { pairs, onlyFirst, onlySecond };
}
