import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig } from '../task/task-schema.js';
import type { EvalStore } from './eval-store.js';
import { prepareRun, type RunPlan } from './prepare-run.js';
import type { RunOptions, RunRecord } from './run-record.js';

export interface ResolveRunOptions extends RunOptions {
  store: EvalStore;
  resume?: string;
}

export interface ResolvedRun {
  /** The run being resumed, if any. */
  existing: RunRecord | undefined;
  runOptions: RunOptions;
  plan: RunPlan;
}

/** The plan a run starts (or resumes) with: a resumed run replays its own filters. */
export async function resolveRun(
  task: LoadedTask,
  options: ResolveRunOptions,
): Promise<ResolvedRun> {
  const existing = options.resume ? options.store.getRun(options.resume) : undefined;
  if (options.resume && !existing) {
    throw new TunegateError('RUN_NOT_FOUND', `no run "${options.resume}" in this store`);
  }
  if (existing && existing.taskHash !== task.hash) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `run ${existing.id} was made from a different version of ${task.file}; start a new run instead`,
    );
  }
  const runOptions: RunOptions = existing ? existing.options : pickRunOptions(options);
  return { existing, runOptions, plan: await prepareRun(task, runOptions) };
}

export type ModelBuilder = (config: ModelConfig, task: LoadedTask) => LanguageModel;

/** The caller's model factory, else the provider registry with the caller's environment. */
export function modelBuilder(options: {
  createModel?: ModelBuilder | undefined;
  env?: Record<string, string | undefined> | undefined;
}): ModelBuilder {
  return (
    options.createModel ??
    ((config, loaded) =>
      createLanguageModel(config, {
        env: options.env ?? process.env,
        baseDirectory: loaded.directory,
      }))
  );
}

function pickRunOptions(options: RunOptions): RunOptions {
  const picked: RunOptions = {};
  if (options.variants && options.variants.length > 0) picked.variants = options.variants;
  if (options.models && options.models.length > 0) picked.models = options.models;
  if (options.limit !== undefined) picked.limit = options.limit;
  if (options.repeats !== undefined) picked.repeats = options.repeats;
  return picked;
}
