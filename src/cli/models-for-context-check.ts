import type { RunPlan } from '../core/eval/prepare-run.js';
import type { LoadedTask } from '../core/task/loaded-task.js';
import { createLanguageModel } from '../providers/create-language-model.js';
import type { LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';

/**
 * The plan's models for a dry run's context check. A dry run needs no API key: a hosted model
 * without one is left out here and checked from its context window instead.
 */
export function modelsForContextCheck(
  task: LoadedTask,
  plan: RunPlan,
  env: Record<string, string | undefined>,
): Map<string, LanguageModel | undefined> {
  const models = new Map<string, LanguageModel | undefined>();
  for (const planned of plan.models) {
    try {
      models.set(
        planned.name,
        createLanguageModel(planned.config, { env, baseDirectory: task.directory }),
      );
    } catch (error) {
      if (!(error instanceof TunegateError && error.code === 'MISSING_API_KEY')) throw error;
      models.set(planned.name, undefined);
    }
  }
  return models;
}
