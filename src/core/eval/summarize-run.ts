import { mcnemarExact } from '../metrics/mcnemar-exact.js';
import { latencySummary } from '../metrics/percentile.js';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { CellResult } from './cell-result.js';
import type { EvalStore } from './eval-store.js';
import { type GroupQuality, GroupQualityAccumulator } from './group-quality.js';
import { samplingLabel } from './sampling-points.js';

export interface GroupSummary extends GroupQuality {
  variant: string;
  model: string;
  samplingIndex: number;
  sampling: string;
  cells: number;
  passed: number;
  errors: number;
  /** Share of (case, repeat) trials whose checks all pass; failed calls count as failures. */
  passRate: number;
  lower: number;
  upper: number;
  formatValidity: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when a model price is unknown. */
  cost: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
}

export interface RunSummary {
  runId: string;
  groups: GroupSummary[];
  best: GroupSummary | undefined;
  runnerUp: GroupSummary | undefined;
  /** Exact McNemar p of best against runner-up on the trials both answered; null if not paired. */
  mcnemarP: number | null;
  /** Plain-words certainty: is the best group's interval clear of the runner-up's? */
  verdict: string;
}

interface Accumulator {
  summary: GroupSummary;
  formatValid: number;
  latencies: number[];
  costKnown: boolean;
  quality: GroupQualityAccumulator;
}

const groupId = (cell: { variant: string; model: string; samplingIndex: number }) =>
  `${cell.variant}\u0000${cell.model}\u0000${cell.samplingIndex}`;

/**
 * One streaming pass over a run's cells. The store yields them grouped (variant, model,
 * sampling), so only the current group's outputs are held in memory.
 */
export function summarizeRun(
  store: EvalStore,
  runId: string,
  options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {},
): RunSummary {
  const summaries: GroupSummary[] = [];
  let current: Accumulator | undefined;
  let currentId = '';
  for (const cell of store.iterateCells(runId)) {
    const id = groupId(cell);
    if (!current || id !== currentId) {
      if (current) summaries.push(finish(current));
      current = start(cell, options);
      currentId = id;
    }
    accumulate(current, cell);
  }
  if (current) summaries.push(finish(current));
  const ranked = [...summaries].sort(
    (a, b) => b.passRate - a.passRate || b.lower - a.lower || a.variant.localeCompare(b.variant),
  );
  const best = ranked[0];
  const runnerUp = ranked[1];
  const mcnemarP = best && runnerUp ? pairedMcnemar(store, runId, best, runnerUp) : null;
  return {
    runId,
    groups: summaries,
    best,
    runnerUp,
    mcnemarP,
    verdict: describe(best, runnerUp, mcnemarP),
  };
}

function start(
  cell: CellResult,
  options: { jsonOutputs?: boolean; labelOutputs?: boolean },
): Accumulator {
  return {
    summary: {
      variant: cell.variant,
      model: cell.model,
      samplingIndex: cell.samplingIndex,
      sampling: samplingLabel(cell.sampling),
      cells: 0,
      passed: 0,
      errors: 0,
      passRate: 0,
      lower: 0,
      upper: 1,
      formatValidity: 0,
      inputTokens: 0,
      outputTokens: 0,
      cost: 0,
      latencyP50: null,
      latencyP95: null,
      ...new GroupQualityAccumulator().finish(),
    },
    formatValid: 0,
    latencies: [],
    costKnown: true,
    quality: new GroupQualityAccumulator(options),
  };
}

function accumulate(group: Accumulator, cell: CellResult): void {
  const summary = group.summary;
  summary.cells++;
  if (cell.status === 'error' || cell.output === null) {
    summary.errors++;
    return;
  }
  if (cell.passed) summary.passed++;
  if (cell.formatPassed) group.formatValid++;
  summary.inputTokens += cell.inputTokens;
  summary.outputTokens += cell.outputTokens;
  if (cell.cost === null) group.costKnown = false;
  else summary.cost = (summary.cost ?? 0) + cell.cost;
  group.latencies.push(cell.latencyMs);
  group.quality.add(cell.caseId, cell.output, cell.passed === true);
}

function finish(group: Accumulator): GroupSummary {
  const summary = group.summary;
  const interval = wilsonInterval(summary.passed, summary.cells);
  const latency = latencySummary(group.latencies);
  return {
    ...summary,
    ...group.quality.finish(),
    passRate: interval.rate,
    lower: interval.lower,
    upper: interval.upper,
    formatValidity: summary.cells === 0 ? 0 : group.formatValid / summary.cells,
    cost: group.costKnown ? summary.cost : null,
    latencyP50: latency?.p50 ?? null,
    latencyP95: latency?.p95 ?? null,
  };
}

/** Pairs the two groups' trials by (case, repeat); a failed call counts as a fail. */
function pairedMcnemar(
  store: EvalStore,
  runId: string,
  first: GroupSummary,
  second: GroupSummary,
): number | null {
  const firstId = groupId(first);
  const secondId = groupId(second);
  const firstPasses = new Map<string, boolean>();
  const secondPasses = new Map<string, boolean>();
  for (const cell of store.iterateCells(runId)) {
    const id = groupId(cell);
    const trial = `${cell.caseId}\u0000${cell.repeat}`;
    if (id === firstId) firstPasses.set(trial, cell.passed === true);
    else if (id === secondId) secondPasses.set(trial, cell.passed === true);
  }
  let onlyFirst = 0;
  let onlySecond = 0;
  let paired = 0;
  for (const [trial, passed] of firstPasses) {
    const other = secondPasses.get(trial);
    if (other === undefined) continue;
    paired++;
    if (passed && !other) onlyFirst++;
    else if (!passed && other) onlySecond++;
  }
  return paired === 0 ? null : mcnemarExact(onlyFirst, onlySecond);
}

function label(group: GroupSummary): string {
  return `${group.variant} on ${group.model}${group.sampling === 'default' ? '' : ` (${group.sampling})`}`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function describe(
  best: GroupSummary | undefined,
  runnerUp: GroupSummary | undefined,
  mcnemarP: number | null,
): string {
  if (!best) return 'no results yet';
  const head = `best: ${label(best)} at ${percent(best.passRate)} (95% CI ${percent(best.lower)}–${percent(best.upper)})`;
  if (!runnerUp) return head;
  const test = mcnemarP === null ? '' : `, McNemar p = ${mcnemarP.toPrecision(2)}`;
  if (best.lower > runnerUp.upper || (mcnemarP !== null && mcnemarP < 0.05)) {
    return `${head}; ahead of ${label(runnerUp)} (${percent(runnerUp.passRate)}${test})`;
  }
  return `${head}; not yet separable from ${label(runnerUp)} (${percent(runnerUp.passRate)}${test}): add cases or repeats`;
}
