import type { ErrorReason } from '../limits/evidence-store.js';
import { latencySummary } from '../metrics/percentile.js';
import type { AnsweredTally } from '../statistics/answered-tally.js';
import { casePassRate } from '../statistics/case-pass-rate.js';
import {
  comparePairedCases,
  type PairedCaseComparison,
} from '../statistics/paired-case-comparison.js';
import type { CellResult } from './cell-result.js';
import { ErrorReasonCounter } from './error-reason-counter.js';
import type { EvalStore } from './eval-store.js';
import { defaultMaxFailedShare, isIncomplete, withFix } from './failed-calls.js';
import { type GroupQuality, GroupQualityAccumulator } from './group-quality.js';
import { samplingLabel } from './sampling-points.js';

export interface GroupSummary extends GroupQuality {
  variant: string;
  model: string;
  samplingIndex: number;
  sampling: string;
  /** Every cell of the group, answered or not. */
  cells: number;
  /** Answered trials that passed. */
  passed: number;
  /** Failed calls: counted here, never scored. */
  errors: number;
  /** Cases with at least one answer: the unit of the interval. */
  cases: number;
  /** Fewest and most answered repeats of a case. */
  repeats: { min: number; max: number };
  /** Mean over answered cases of each case's pass share (failed calls left out). */
  passRate: number;
  /** 95 % interval with the case as the unit (docs/metrics.md). */
  lower: number;
  upper: number;
  /** Among answered cells. */
  formatValidity: number;
  /** The commonest reason calls failed, with the fix; null without failed calls. */
  commonestError: (ErrorReason & { fix: string }) | null;
  /** More than the allowed share of calls failed (or none answered): not a candidate for best. */
  incomplete: boolean;
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
  /** The best complete group with answers; undefined when there is none. */
  best: GroupSummary | undefined;
  runnerUp: GroupSummary | undefined;
  /** Best against runner-up, paired over the cases both answered; null when not paired. */
  comparison: PairedCaseComparison | null;
  /** Failed calls over the whole run. */
  errors: number;
  /** Plain-words certainty: can the best be told from the runner-up? */
  verdict: string;
}

interface Accumulator {
  summary: GroupSummary;
  formatValid: number;
  answered: number;
  latencies: number[];
  costKnown: boolean;
  quality: GroupQualityAccumulator;
  tallies: Map<string, AnsweredTally>;
  reasons: ErrorReasonCounter;
}

const groupId = (cell: { variant: string; model: string; samplingIndex: number }) =>
  `${cell.variant}\u0000${cell.model}\u0000${cell.samplingIndex}`;

export interface SummarizeOptions {
  jsonOutputs?: boolean;
  /** Outputs are labels: diversity is not applicable. */
  labelOutputs?: boolean;
  /** Share of failed calls above which a group is incomplete (the task's policy.maxFailedShare). */
  maxFailedShare?: number;
}

/**
 * One streaming pass over a run's cells. The store yields them grouped (variant, model,
 * sampling), so only the current group's outputs are held in memory, plus one pass count per
 * case and group for the paired comparison.
 */
export function summarizeRun(
  store: EvalStore,
  runId: string,
  options: SummarizeOptions = {},
): RunSummary {
  const summaries: GroupSummary[] = [];
  const talliesByGroup = new Map<GroupSummary, Map<string, AnsweredTally>>();
  const maxFailedShare = options.maxFailedShare ?? defaultMaxFailedShare;
  let current: Accumulator | undefined;
  let currentId = '';
  const close = (group: Accumulator) => {
    const summary = finish(group, maxFailedShare);
    summaries.push(summary);
    talliesByGroup.set(summary, group.tallies);
  };
  for (const cell of store.iterateCells(runId)) {
    const id = groupId(cell);
    if (!current || id !== currentId) {
      if (current) close(current);
      current = start(cell, options);
      currentId = id;
    }
    accumulate(current, cell);
  }
  if (current) close(current);
  const ranked = summaries
    .filter((group) => !group.incomplete && group.cases > 0)
    .sort(
      (a, b) => b.passRate - a.passRate || b.lower - a.lower || a.variant.localeCompare(b.variant),
    );
  const best = ranked[0];
  const runnerUp = ranked[1];
  const comparison =
    best && runnerUp
      ? (comparePairedCases(
          (talliesByGroup.get(best) as Map<string, AnsweredTally>).values(),
          (talliesByGroup.get(runnerUp) as Map<string, AnsweredTally>).values(),
        ) ?? null)
      : null;
  return {
    runId,
    groups: summaries,
    best,
    runnerUp,
    comparison,
    errors: summaries.reduce((sum, group) => sum + group.errors, 0),
    verdict: describe(summaries, best, runnerUp, comparison),
  };
}

function start(cell: CellResult, options: SummarizeOptions): Accumulator {
  return {
    summary: {
      variant: cell.variant,
      model: cell.model,
      samplingIndex: cell.samplingIndex,
      sampling: samplingLabel(cell.sampling),
      cells: 0,
      passed: 0,
      errors: 0,
      cases: 0,
      repeats: { min: 0, max: 0 },
      passRate: 0,
      lower: 0,
      upper: 1,
      formatValidity: 0,
      commonestError: null,
      incomplete: false,
      inputTokens: 0,
      outputTokens: 0,
      cost: 0,
      latencyP50: null,
      latencyP95: null,
      ...new GroupQualityAccumulator().finish(),
    },
    formatValid: 0,
    answered: 0,
    latencies: [],
    costKnown: true,
    quality: new GroupQualityAccumulator({
      jsonOutputs: options.jsonOutputs ?? false,
      labelOutputs: options.labelOutputs ?? false,
    }),
    tallies: new Map(),
    reasons: new ErrorReasonCounter(),
  };
}

function accumulate(group: Accumulator, cell: CellResult): void {
  const summary = group.summary;
  summary.cells++;
  let tally = group.tallies.get(cell.caseId);
  if (!tally) {
    tally = { caseId: cell.caseId, answered: 0, passed: 0 };
    group.tallies.set(cell.caseId, tally);
  }
  if (cell.status === 'error' || cell.output === null) {
    summary.errors++;
    group.reasons.add(cell.errorCode, cell.errorMessage);
    return;
  }
  group.answered++;
  tally.answered++;
  if (cell.passed) {
    summary.passed++;
    tally.passed++;
  }
  if (cell.formatPassed) group.formatValid++;
  summary.inputTokens += cell.inputTokens;
  summary.outputTokens += cell.outputTokens;
  if (cell.cost === null) group.costKnown = false;
  else summary.cost = (summary.cost ?? 0) + cell.cost;
  group.latencies.push(cell.latencyMs);
  group.quality.add(cell.caseId, cell.output, cell.passed === true);
}

function finish(group: Accumulator, maxFailedShare: number): GroupSummary {
  const summary = group.summary;
  const rate = casePassRate(group.tallies.values());
  const latency = latencySummary(group.latencies);
  const commonest = group.reasons.top(1)[0];
  return {
    ...summary,
    ...group.quality.finish(),
    cases: rate.cases,
    repeats: rate.repeats,
    passRate: rate.rate,
    lower: rate.lower,
    upper: rate.upper,
    formatValidity: group.answered === 0 ? 0 : group.formatValid / group.answered,
    commonestError: withFix(commonest),
    incomplete: isIncomplete({ trials: summary.cells, errors: summary.errors }, maxFailedShare),
    cost: group.costKnown ? summary.cost : null,
    latencyP50: latency?.p50 ?? null,
    latencyP95: latency?.p95 ?? null,
  };
}

export function groupLabel(group: { variant: string; model: string; sampling: string }): string {
  return `${group.variant} on ${group.model}${group.sampling === 'default' ? '' : ` (${group.sampling})`}`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function describe(
  groups: readonly GroupSummary[],
  best: GroupSummary | undefined,
  runnerUp: GroupSummary | undefined,
  comparison: PairedCaseComparison | null,
): string {
  if (!best) {
    if (groups.length === 0) return 'no results yet';
    return 'no best: every group is incomplete (too many failed calls); see the errors below';
  }
  const head = `best: ${groupLabel(best)} at ${percent(best.passRate)} (95% CI ${percent(best.lower)}–${percent(best.upper)}, ${best.cases} cases)`;
  if (!runnerUp) return head;
  if (!comparison) {
    return `${head}; ${groupLabel(runnerUp)} (${percent(runnerUp.passRate)}) shares no answered case with it`;
  }
  const test = `${comparison.method} p = ${comparison.p.toPrecision(2)}, paired over ${comparison.pairing}`;
  if (comparison.p < 0.05) {
    return `${head}; ahead of ${groupLabel(runnerUp)} (${percent(runnerUp.passRate)}; ${test})`;
  }
  return `${head}; not yet separable from ${groupLabel(runnerUp)} (${percent(runnerUp.passRate)}; ${test}): add cases`;
}
