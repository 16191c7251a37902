import type { LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { checkRunContext } from '../eval/check-run-context.js';
import type { ContextFinding } from '../eval/context-fit.js';
import type { EvalStore } from '../eval/eval-store.js';
import { type ContextFitReport, contextOverflowError } from '../eval/measure-context-fit.js';
import { type RunEvalOptions, type RunEvalResult, runEval } from '../eval/run-eval.js';
import type { RunProgress } from '../eval/run-progress.js';
import type { RunOptions } from '../eval/run-record.js';
import { samplingLabel } from '../eval/sampling-points.js';
import type { Iteration } from '../limits/iteration.js';
import { probeRunInput, withRunKind } from '../prompt-lab/run-probe.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig } from '../task/task-schema.js';
import type { GroupRef } from './measure-group.js';
import { shortPromptVariant } from './short-prompt-variant.js';

export type ArmRole = 'finetuned' | 'base';

export interface ArmRunOptions {
  /** Repeats per case for runs made now (default: the task's). */
  repeats?: number | undefined;
  limit?: number | undefined;
  /** Run the finetuned model and the base again even when stored runs could be reused. */
  rerun?: boolean | undefined;
  env?: Record<string, string | undefined> | undefined;
  signal?: AbortSignal | undefined;
  createModel?: ((config: ModelConfig, task: LoadedTask) => LanguageModel) | undefined;
  onProgress?: ((arm: ArmRole, progress: RunProgress) => void) | undefined;
  /** Run the arms even when their prompts or answers do not fit the model's context. */
  allowOverflow?: boolean | undefined;
  /** The plan-time context check of each arm that is run now, before either runs. */
  onContextFit?: ((arm: ArmRole, report: ContextFitReport) => void) | undefined;
}

export interface LocatedGroup {
  group: GroupRef;
  reused: boolean;
}

/** Where an arm's group comes from: a stored run, or a run still to be made. */
export type ArmSource = { stored: LocatedGroup } | { pending: PendingArmRun };

export interface PendingArmRun {
  arm: ArmRole;
  task: LoadedTask;
  options: RunEvalOptions;
  /** The arm's group in the run, once it has finished. */
  locate: (result: RunEvalResult) => LocatedGroup;
}

/**
 * The finetuned model on the short prompt at the best prompt's sampling point: a completed
 * `compare` run with the same settings is reused, an interrupted one resumed, else one is run.
 */
export function finetunedArmSource(
  task: LoadedTask,
  options: ArmRunOptions & { store: EvalStore },
  model: string,
  sampling: SamplingOptions,
): ArmSource {
  const variant = shortPromptVariant(task.config, sampling);
  const shortTask: LoadedTask = { ...task, config: { ...task.config, variants: [variant] } };
  const wanted: RunOptions = {
    variants: [variant.name],
    models: [model],
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    repeats: options.repeats ?? task.config.repeats,
  };
  const previous = options.rerun
    ? []
    : options.store
        .listRuns()
        .filter(
          (run) =>
            run.kind === 'compare' &&
            run.taskHash === task.hash &&
            sameOptions(run.options, wanted),
        );
  const completed = previous.filter((run) => run.status === 'completed').at(-1);
  const group = (runId: string) => ({ runId, variant: variant.name, model, samplingIndex: 0 });
  if (completed) return { stored: { group: group(completed.id), reused: true } };
  const unfinished = previous.filter((run) => run.status !== 'completed').at(-1);
  return {
    pending: {
      arm: 'finetuned',
      task: shortTask,
      options: {
        ...evalOptions(options, 'finetuned'),
        ...wanted,
        store: withRunKind(options.store, 'compare'),
        ...(unfinished ? { resume: unfinished.id } : {}),
      },
      locate: (result) => ({ group: group(result.run.id), reused: false }),
    },
  };
}

/**
 * The base model on the plain instruction: the latest probe of it (at the best prompt's
 * sampling point when the probe has it), else a new probe.
 */
export function baseArmSource(
  task: LoadedTask,
  options: ArmRunOptions & { store: EvalStore },
  iterations: readonly Iteration[],
  model: string,
  sampling: SamplingOptions,
): ArmSource {
  const label = samplingLabel(sampling);
  const pick = <T extends { sampling: SamplingOptions }>(groups: readonly T[]) =>
    groups.find((candidate) => samplingLabel(candidate.sampling) === label) ?? groups[0];
  if (!options.rerun) {
    const probes = iterations.filter(
      (iteration) => iteration.runKind === 'probe' && iteration.model === model,
    );
    const latestRun = probes.at(-1)?.runId;
    const found = pick(probes.filter((iteration) => iteration.runId === latestRun));
    if (found) {
      const { runId, variant, samplingIndex } = found;
      return { stored: { group: { runId, variant, model, samplingIndex }, reused: true } };
    }
  }
  const probe = probeRunInput(task, {
    ...evalOptions(options, 'base'),
    store: options.store,
    models: [model],
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    repeats: options.repeats ?? task.config.repeats,
  });
  const locate = (result: RunEvalResult): LocatedGroup => {
    const points = new Map<number, { sampling: SamplingOptions; variant: string; index: number }>();
    for (const cell of options.store.iterateCells(result.run.id)) {
      if (points.has(cell.samplingIndex)) continue;
      points.set(cell.samplingIndex, {
        sampling: cell.sampling,
        variant: cell.variant,
        index: cell.samplingIndex,
      });
    }
    const found = pick([...points.values()].sort((a, b) => a.index - b.index));
    if (!found)
      throw new TunegateError('STORE_ERROR', `probe run ${result.run.id} stored no cells`);
    return {
      group: { runId: result.run.id, variant: found.variant, model, samplingIndex: found.index },
      reused: false,
    };
  };
  return { pending: { arm: 'base', task: probe.task, options: probe.options, locate } };
}

/**
 * Checks every arm still to be run against its model's context before any of them runs, so
 * a base that does not fit never leaves a finetuned run paid for and the comparison unmade.
 */
export async function checkArmContexts(
  sources: readonly ArmSource[],
  options: ArmRunOptions,
): Promise<void> {
  const findings: ContextFinding[] = [];
  for (const source of sources) {
    if (!('pending' in source)) continue;
    const { arm, task, options: runOptions } = source.pending;
    const report = await checkRunContext(task, runOptions);
    options.onContextFit?.(arm, report);
    findings.push(...report.findings);
  }
  if (findings.length > 0 && !options.allowOverflow) throw contextOverflowError(findings);
}

/** The arm's stored group, or the group of the run made (or resumed) for it now. */
export async function runArm(source: ArmSource): Promise<LocatedGroup> {
  if ('stored' in source) return source.stored;
  const { task, options, locate } = source.pending;
  // checkArmContexts has decided already: refused, or allowed to start.
  const result = await runEval(task, { ...options, allowOverflow: true });
  ensureCompleted(result);
  return locate(result);
}

function evalOptions(options: ArmRunOptions, arm: ArmRole): Omit<RunEvalOptions, 'store'> {
  const onProgress = options.onProgress;
  return {
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.createModel ? { createModel: options.createModel } : {}),
    ...(onProgress ? { onProgress: (progress: RunProgress) => onProgress(arm, progress) } : {}),
  };
}

function ensureCompleted(result: RunEvalResult): void {
  if (result.run.status === 'completed') return;
  throw new TunegateError(
    'ABORTED',
    `compare stopped before run ${result.run.id} finished; run tunegate compare again to continue it`,
  );
}

function sameOptions(stored: RunOptions, wanted: RunOptions): boolean {
  const normal = (options: RunOptions) =>
    JSON.stringify([options.variants, options.models, options.limit, options.repeats]);
  return normal(stored) === normal(wanted);
}
