import type { LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { checkRunContext } from '../eval/check-run-context.js';
import type { ContextFinding } from '../eval/context-fit.js';
import type { EvalStore } from '../eval/eval-store.js';
import { type ContextFitReport, contextOverflowError } from '../eval/measure-context-fit.js';
import { sameSampling } from '../eval/normal-sampling.js';
import { prepareRun } from '../eval/prepare-run.js';
import { type RunEvalOptions, type RunEvalResult, runEval } from '../eval/run-eval.js';
import type { RunProgress } from '../eval/run-progress.js';
import type { RunOptions } from '../eval/run-record.js';
import type { Iteration } from '../limits/iteration.js';
import { plainVariant } from '../prompt-lab/plain-variant.js';
import { withRunKind } from '../prompt-lab/run-probe.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig, TaskConfig, VariantConfig } from '../task/task-schema.js';
import { type ArmRequirements, armMismatch } from './arm-mismatch.js';
import type { ArmRole } from './comparison.js';
import { type GroupShape, readGroupShape } from './group-shape.js';
import type { GroupRef } from './measure-group.js';
import { samplingGridOf } from './short-prompt-variant.js';

export interface ArmRunOptions {
  /** Repeats per case for every arm (default: the task's). */
  repeats?: number | undefined;
  limit?: number | undefined;
  /** Sampling for every arm, over the task's (the command line's flags). */
  sampling?: SamplingOptions | undefined;
  /** Run every arm again even when stored runs could be reused. */
  rerun?: boolean | undefined;
  env?: Record<string, string | undefined> | undefined;
  signal?: AbortSignal | undefined;
  createModel?: ((config: ModelConfig, task: LoadedTask) => LanguageModel) | undefined;
  onProgress?: ((arm: ArmRole, progress: RunProgress) => void) | undefined;
  /** Run the arms even when their prompts or answers do not fit the model's context. */
  allowOverflow?: boolean | undefined;
  /** The plan-time context check of each arm that is run now, before any of them runs. */
  onContextFit?: ((arm: ArmRole, report: ContextFitReport) => void) | undefined;
}

/** One arm to locate: the prompt as it runs now, the model, and stored groups to try first. */
export interface ArmPlan {
  role: ArmRole;
  variant: VariantConfig;
  model: string;
  /** Groups that may stand for the arm, preferred first; each is checked before it is reused. */
  stored: readonly GroupRef[];
}

export interface LocatedGroup {
  group: GroupRef;
  reused: boolean;
  shape: GroupShape;
  /** Why a stored group was not reused (other settings, cases or repeats); else undefined. */
  rerunReason: string | undefined;
}

/** Where an arm's group comes from: a stored group that fits, or a run still to be made. */
export type ArmSource = { stored: LocatedGroup } | { pending: PendingArmRun };

export interface PendingArmRun {
  arm: ArmRole;
  task: LoadedTask;
  options: RunEvalOptions;
  /** The arm's group in the run, once it has finished. */
  locate: (result: RunEvalResult) => LocatedGroup;
}

/**
 * A group that measures the arm at the wanted settings, cases and repeats: a stored one that
 * fits (the plan's, then a completed `compare` run of the same prompt and model), else an
 * interrupted `compare` run at those settings to resume, else a new `compare` run, so runs
 * made here are never prompt evidence. Nothing runs here: `runArm` does, after
 * `checkArmContexts` has checked every pending arm.
 */
export function armSource(
  task: LoadedTask,
  options: ArmRunOptions & { store: EvalStore },
  plan: ArmPlan,
  wanted: ArmRequirements,
): ArmSource {
  const { store } = options;
  let rerunReason: string | undefined = options.rerun ? 'asked to (--rerun)' : undefined;
  const fits = (group: GroupRef): GroupShape | undefined => {
    const shape = readGroupShape(store, group);
    const mismatch = armMismatch(shape, wanted);
    rerunReason ??= mismatch === undefined ? undefined : `stored run ${group.runId} ${mismatch}`;
    return mismatch === undefined ? shape : undefined;
  };
  if (!options.rerun) {
    for (const group of plan.stored) {
      const shape = fits(group);
      if (shape) return { stored: { group, reused: true, shape, rerunReason: undefined } };
    }
  }
  const variant: VariantConfig = { ...plan.variant, sampling: samplingGridOf(wanted.settings) };
  // Only the variant's grid, so the run has exactly the wanted point.
  const armTask: LoadedTask = {
    ...task,
    config: { ...task.config, sampling: {}, variants: [variant] },
  };
  const runOptions: RunOptions = {
    variants: [variant.name],
    models: [plan.model],
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    repeats: wanted.repeats,
  };
  const groupOf = (runId: string): GroupRef => ({
    runId,
    variant: variant.name,
    model: plan.model,
    samplingIndex: 0,
  });
  const previous = options.rerun
    ? []
    : store
        .listRuns()
        .filter(
          (run) =>
            run.kind === 'compare' &&
            run.taskHash === task.hash &&
            sameOptions(run.options, runOptions),
        )
        .reverse();
  for (const run of previous.filter((candidate) => candidate.status === 'completed')) {
    const shape = fits(groupOf(run.id));
    if (shape) {
      return { stored: { group: groupOf(run.id), reused: true, shape, rerunReason: undefined } };
    }
  }
  // Resume only a run whose answers so far were made at the wanted settings.
  const unfinished = previous.find(
    (run) =>
      run.status !== 'completed' && canResume(readGroupShape(store, groupOf(run.id)), wanted),
  );
  return {
    pending: {
      arm: plan.role,
      task: armTask,
      options: {
        ...evalOptions(options, plan.role),
        ...runOptions,
        store: withRunKind(store, 'compare'),
        ...(unfinished ? { resume: unfinished.id } : {}),
      },
      locate: (result) => {
        const group = groupOf(result.run.id);
        return { group, reused: false, shape: readGroupShape(store, group), rerunReason };
      },
    },
  };
}

/**
 * Checks every arm still to be run against its model's context before any of them runs, so
 * an arm that does not fit never leaves another arm's run paid for and the comparison unmade.
 */
export async function checkArmContexts(
  sources: readonly ArmSource[],
  options: ArmRunOptions,
): Promise<void> {
  // Keyed by content: two arms may run the same prompt on the same model (a plain best prompt).
  const findings = new Map<string, ContextFinding>();
  for (const source of sources) {
    if (!('pending' in source)) continue;
    const { arm, task, options: runOptions } = source.pending;
    const report = await checkRunContext(task, runOptions);
    options.onContextFit?.(arm, report);
    for (const finding of report.findings) findings.set(JSON.stringify(finding), finding);
  }
  if (findings.size > 0 && !options.allowOverflow) {
    throw contextOverflowError([...findings.values()]);
  }
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

/** Its answers so far were made at the wanted settings, on cases still in the eval set. */
function canResume(shape: GroupShape, wanted: ArmRequirements): boolean {
  if (shape.sampling === undefined) return true;
  return (
    shape.uniformSampling &&
    sameSampling(shape.sampling, wanted.settings) &&
    [...shape.caseIds].every((id) => wanted.caseIds.has(id))
  );
}

/** The cases (the eval set, cut to the limit) and repeats every arm is measured on. */
export async function armRequirements(
  task: LoadedTask,
  options: ArmRunOptions,
  settings: SamplingOptions,
): Promise<ArmRequirements> {
  const plan = await prepareRun(
    { ...task, config: { ...task.config, variants: [] } },
    options.limit === undefined ? {} : { limit: options.limit },
  );
  return {
    settings,
    caseIds: new Set(plan.cases.map((evalCase) => evalCase.id)),
    repeats: options.repeats ?? task.config.repeats,
  };
}

/**
 * The best prompt: its stored group when it fits, else measured again as the task file
 * defines the variant now. A best prompt no longer in the task file cannot be measured again,
 * so unless its stored group fits, the comparison is refused rather than made unalike.
 */
export function bestPromptSource(
  task: LoadedTask,
  options: ArmRunOptions & { store: EvalStore },
  best: GroupRef,
  variant: VariantConfig | undefined,
  wanted: ArmRequirements,
): ArmSource {
  const group: GroupRef = {
    runId: best.runId,
    variant: best.variant,
    model: best.model,
    samplingIndex: best.samplingIndex,
  };
  if (variant) {
    return armSource(
      task,
      options,
      { role: 'best-prompt', variant, model: best.model, stored: [group] },
      wanted,
    );
  }
  const shape = readGroupShape(options.store, group);
  const mismatch = options.rerun ? 'is to be run again (--rerun)' : armMismatch(shape, wanted);
  if (mismatch === undefined) {
    return { stored: { group, reused: true, shape, rerunReason: undefined } };
  }
  throw new TunegateError(
    'INVALID_ARGUMENT',
    `the best prompt, ${best.variant} on ${best.model}, ${mismatch}, and the variant is no longer in the task file, so it cannot be measured again alike; evaluate the task's variants (tunegate eval) first`,
  );
}

/**
 * The base arm: the plain instruction on the base model. Stored groups that may stand for it
 * are its probes (and evals of the task's own plain variant, which probes use) at the
 * settings, latest first; with none, the latest one, so the output says why it ran again.
 */
export function basePlan(
  config: TaskConfig,
  iterations: readonly Iteration[],
  model: string,
  settings: SamplingOptions,
): ArmPlan {
  const plain = plainVariant(config);
  const ownPlain = config.variants.includes(plain);
  const candidates = iterations
    .filter(
      (iteration) =>
        iteration.model === model &&
        (iteration.runKind === 'probe' || (ownPlain && iteration.variant === plain.name)),
    )
    .reverse();
  const fitting = candidates.filter((iteration) => sameSampling(iteration.sampling, settings));
  const stored = (fitting.length > 0 ? fitting : candidates.slice(0, 1)).map(
    ({ runId, variant, samplingIndex }) => ({ runId, variant, model, samplingIndex }),
  );
  return { role: 'base', variant: plain, model, stored };
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
