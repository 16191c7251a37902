import type { EvalStore } from '../eval/eval-store.js';
import { type RunEvalOptions, type RunEvalResult, runEval } from '../eval/run-eval.js';
import type { RunKind, RunRecord } from '../eval/run-record.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { plainVariant } from './plain-variant.js';

export type RunProbeOptions = Omit<RunEvalOptions, 'variants'>;

/**
 * Rule 1: the plain instruction, zero-shot, on every candidate model (or those named), over the
 * eval set; recorded as a `probe` run, the baseline gate 1 looks for. Resume works as for eval.
 * Finetuned models (`finetunedFrom`) are not candidates: they run only when named.
 */
export async function runProbe(task: LoadedTask, options: RunProbeOptions): Promise<RunEvalResult> {
  const probe = probeRunInput(task, options);
  const result = await runEval(probe.task, probe.options);
  return { ...result, run: { ...result.run, kind: 'probe' } };
}

/** The eval run a probe is: the task with only the plain variant, on the candidate models. */
export function probeRunInput(
  task: LoadedTask,
  options: RunProbeOptions,
): { task: LoadedTask; options: RunEvalOptions } {
  const variant = plainVariant(task.config);
  const probeTask: LoadedTask = { ...task, config: { ...task.config, variants: [variant] } };
  const candidates = task.config.models
    .filter((model) => model.finetunedFrom === undefined)
    .map((model) => model.name ?? model.ref);
  return {
    task: probeTask,
    options: {
      ...(candidates.length > 0 ? { models: candidates } : {}),
      ...options,
      store: withRunKind(options.store, 'probe'),
    },
  };
}

/** The same store, except that the runs it creates are of the given kind. */
export function withRunKind(store: EvalStore, kind: RunKind): EvalStore {
  return {
    createRun: (run: RunRecord) => store.createRun({ ...run, kind }),
    getRun: (id) => store.getRun(id),
    latestRun: () => store.latestRun(),
    listRuns: () => store.listRuns(),
    setRunStatus: (id, status, finishedAt) => store.setRunStatus(id, status, finishedAt),
    hasCell: (runId, key) => store.hasCell(runId, key),
    countCells: (runId) => store.countCells(runId),
    writeCells: (runId, cells, cache) => store.writeCells(runId, cells, cache),
    iterateCells: (runId, options) => store.iterateCells(runId, options),
    readCache: (key) => store.readCache(key),
    close: () => store.close(),
  };
}
