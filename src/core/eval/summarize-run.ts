import { latencySummary } from '../metrics/percentile.js';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { CellResult } from './cell-result.js';
import type { EvalStore } from './eval-store.js';
import { samplingLabel } from './sampling-points.js';

export interface GroupSummary {
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
  /** Plain-words certainty: is the best group's interval clear of the runner-up's? */
  verdict: string;
}

interface Accumulator {
  summary: GroupSummary;
  formatValid: number;
  latencies: number[];
  costKnown: boolean;
}

/** One streaming pass over a run's cells; memory grows with groups, not cells (bar latencies). */
export function summarizeRun(store: EvalStore, runId: string): RunSummary {
  const groups = new Map<string, Accumulator>();
  for (const cell of store.iterateCells(runId)) accumulate(groups, cell);
  const summaries = [...groups.values()].map(finish);
  const ranked = [...summaries].sort(
    (a, b) => b.passRate - a.passRate || b.lower - a.lower || a.variant.localeCompare(b.variant),
  );
  const best = ranked[0];
  const runnerUp = ranked[1];
  return { runId, groups: summaries, best, runnerUp, verdict: describe(best, runnerUp) };
}

function accumulate(groups: Map<string, Accumulator>, cell: CellResult): void {
  const id = `${cell.variant}\u0000${cell.model}\u0000${cell.samplingIndex}`;
  let group = groups.get(id);
  if (!group) {
    group = {
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
      },
      formatValid: 0,
      latencies: [],
      costKnown: true,
    };
    groups.set(id, group);
  }
  const summary = group.summary;
  summary.cells++;
  if (cell.status === 'error') {
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
}

function finish(group: Accumulator): GroupSummary {
  const summary = group.summary;
  const interval = wilsonInterval(summary.passed, summary.cells);
  const latency = latencySummary(group.latencies);
  return {
    ...summary,
    passRate: interval.rate,
    lower: interval.lower,
    upper: interval.upper,
    formatValidity: summary.cells === 0 ? 0 : group.formatValid / summary.cells,
    cost: group.costKnown ? summary.cost : null,
    latencyP50: latency?.p50 ?? null,
    latencyP95: latency?.p95 ?? null,
  };
}

function label(group: GroupSummary): string {
  return `${group.variant} on ${group.model}${group.sampling === 'default' ? '' : ` (${group.sampling})`}`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function describe(best: GroupSummary | undefined, runnerUp: GroupSummary | undefined): string {
  if (!best) return 'no results yet';
  const head = `best: ${label(best)} at ${percent(best.passRate)} (95% CI ${percent(best.lower)}–${percent(best.upper)})`;
  if (!runnerUp) return head;
  if (best.lower > runnerUp.upper) {
    return `${head}; clearly ahead of ${label(runnerUp)} (${percent(runnerUp.passRate)}): the intervals do not overlap`;
  }
  return `${head}; not yet separable from ${label(runnerUp)} (${percent(runnerUp.passRate)}): the intervals overlap, add cases or repeats`;
}
