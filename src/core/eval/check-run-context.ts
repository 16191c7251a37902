import type { LoadedTask } from '../task/loaded-task.js';
import type { ContextFitReport } from './measure-context-fit.js';
import { measureContextFit } from './measure-context-fit.js';
import { modelBuilder, resolveRun } from './resolve-run.js';
import type { RunEvalOptions } from './run-eval.js';

/**
 * The context check `runEval(task, options)` would make, without starting anything: for a
 * command that starts several runs and must refuse before the first one.
 */
export async function checkRunContext(
  task: LoadedTask,
  options: RunEvalOptions,
): Promise<ContextFitReport> {
  const { plan } = await resolveRun(task, options);
  const build = modelBuilder(options);
  const models = new Map(plan.models.map((planned) => [planned.name, build(planned.config, task)]));
  return measureContextFit(plan, models);
}
