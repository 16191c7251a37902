import { join } from 'node:path';
import type { EvalStore } from './core/eval/eval-store.js';
import {
  type RunEvalOptions,
  type RunEvalResult,
  runEval as runEvalWithStore,
} from './core/eval/run-eval.js';
import type { LoadedTask } from './core/task/loaded-task.js';
import { SqliteEvalStore } from './store/sqlite-eval-store.js';

export * as datasets from './core/datasets/index.js';
export type { CellResult } from './core/eval/cell-result.js';
export type { ContextFinding, ContextFindingKind } from './core/eval/context-fit.js';
export { estimateRun, type RunEstimate } from './core/eval/estimate-run.js';
export type { EvalStore } from './core/eval/eval-store.js';
export { type ContextFitReport, measureContextFit } from './core/eval/measure-context-fit.js';
export { prepareRun, type RunPlan } from './core/eval/prepare-run.js';
export type { RunEvalResult } from './core/eval/run-eval.js';
export type { RunProgress } from './core/eval/run-progress.js';
export type { RunOptions, RunRecord, RunStatus } from './core/eval/run-record.js';
export { type GroupSummary, type RunSummary, summarizeRun } from './core/eval/summarize-run.js';
export { loadTask } from './core/task/load-task.js';
export type { LoadedTask } from './core/task/loaded-task.js';
export type { TaskConfig } from './core/task/task-schema.js';
export {
  localTrainingTokenCounters,
  openLlamaCppTrainingTokenCounter,
} from './engines/trainer/data/llama-cpp-training-token-counter.js';
export { createLanguageModel } from './providers/create-language-model.js';
export * from './spec/index.js';
export { SqliteEvalStore } from './store/sqlite-eval-store.js';

export type LibraryRunEvalOptions = Omit<RunEvalOptions, 'store'> & {
  /** An open store; by default `.tunegate/tunegate.db` beside the task is opened and closed. */
  store?: EvalStore;
};

/** Library entry: runs a task's eval and keeps every result in the task's SQLite store. */
export async function runEval(
  task: LoadedTask,
  options: LibraryRunEvalOptions = {},
): Promise<RunEvalResult> {
  if (options.store) return runEvalWithStore(task, { ...options, store: options.store });
  const store = new SqliteEvalStore(join(task.directory, '.tunegate', 'tunegate.db'));
  try {
    return await runEvalWithStore(task, { ...options, store });
  } finally {
    store.close();
  }
}
