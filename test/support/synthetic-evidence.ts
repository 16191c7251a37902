import type { CellResult } from '../../src/core/eval/cell-result.js';
import type { EvalStore } from '../../src/core/eval/eval-store.js';
import { cellKey } from '../../src/core/eval/prepare-run.js';
import type { RunKind, RunStatus } from '../../src/core/eval/run-record.js';
import type { SamplingOptions } from '../../src/spec/sampling-options.js';

/** One trial's outcome: p pass, f format failure, c content failure, e failed call. */
export type Outcome = 'p' | 'f' | 'c' | 'e';

export interface SyntheticGroup {
  variant: string;
  model: string;
  samplingIndex?: number;
  sampling?: SamplingOptions;
  /** Per case, one letter per repeat, e.g. `{ a: 'ppc', b: 'fff' }`. */
  cases: Record<string, string>;
  /** The answer text per case and outcome; default `ok` for passes and `bad CASE` otherwise. */
  output?: (caseId: string, outcome: Outcome, repeat: number) => string;
  inputTokens?: number;
  outputTokens?: number;
  /** Per answered cell; null for an unknown price. */
  cost?: number | null;
}

/** Cells with the given outcomes; check results follow the format/content split. */
export function syntheticCells(group: SyntheticGroup): CellResult[] {
  const cells: CellResult[] = [];
  const samplingIndex = group.samplingIndex ?? 0;
  for (const [caseId, outcomes] of Object.entries(group.cases)) {
    [...outcomes].forEach((letter, repeat) => {
      const outcome = letter as Outcome;
      const answered = outcome !== 'e';
      const output = answered
        ? (group.output?.(caseId, outcome, repeat) ?? (outcome === 'p' ? 'ok' : `bad ${caseId}`))
        : null;
      cells.push({
        key: cellKey(group.variant, group.model, samplingIndex, caseId, repeat),
        variant: group.variant,
        model: group.model,
        samplingIndex,
        sampling: group.sampling ?? {},
        caseId,
        repeat,
        status: answered ? 'ok' : 'error',
        output,
        errorCode: answered ? null : 'PROVIDER_ERROR',
        errorMessage: answered ? null : 'scripted failure',
        passed: answered ? outcome === 'p' : null,
        formatPassed: answered ? outcome !== 'f' : null,
        checks: answered
          ? [
              { name: 'shape', kind: 'format', pass: outcome !== 'f' },
              { name: 'right', kind: 'content', pass: outcome === 'p' },
            ]
          : [],
        inputTokens: answered ? (group.inputTokens ?? 100) : 0,
        outputTokens: answered ? (group.outputTokens ?? 2) : 0,
        tokensEstimated: false,
        cost: answered ? (group.cost === undefined ? 0.001 : group.cost) : null,
        latencyMs: 10,
        finishReason: answered ? 'stop' : 'error',
        cached: false,
        attempts: 1,
      });
    });
  }
  return cells;
}

let runCounter = 0;

/** Stores a completed run of the task made of these groups; runs are ordered by creation. */
export function addRun(
  store: EvalStore,
  groups: SyntheticGroup[],
  options: { taskName?: string; kind?: RunKind; status?: RunStatus; id?: string } = {},
): string {
  runCounter++;
  const id = options.id ?? `run-${String(runCounter).padStart(4, '0')}`;
  const cells = groups.flatMap(syntheticCells);
  store.createRun({
    id,
    taskName: options.taskName ?? 'demo',
    taskFile: '/tmp/tunegate.yaml',
    taskHash: 'hash',
    options: {},
    status: options.status ?? 'completed',
    totalCells: cells.length,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, runCounter)).toISOString(),
    finishedAt: null,
    ...(options.kind ? { kind: options.kind } : {}),
  });
  store.writeCells(id, cells, []);
  return id;
}
