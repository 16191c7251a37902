import { randomBytes } from 'node:crypto';
import type { LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { ComparisonStore } from '../compare/comparison-store.js';
import { currentSampling } from '../compare/current-sampling.js';
import { samplingGridOf, shortPromptVariant } from '../compare/short-prompt-variant.js';
import type { EvalStore } from '../eval/eval-store.js';
import type { ContextFitReport } from '../eval/measure-context-fit.js';
import { sameSampling, samplingDifference } from '../eval/normal-sampling.js';
import { qualityOptions } from '../eval/quality-options.js';
import { runEval } from '../eval/run-eval.js';
import type { RunProgress } from '../eval/run-progress.js';
import { type GroupSummary, summarizeRun } from '../eval/summarize-run.js';
import type { FinetuneJobStore } from '../finetune/finetune-job-store.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import type { EvidenceStore } from '../limits/evidence-store.js';
import { plainVariant } from '../prompt-lab/plain-variant.js';
import { withRunKind } from '../prompt-lab/run-probe.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig, TaskConfig, VariantConfig } from '../task/task-schema.js';
import { sweepAxes, sweptAxes } from './sweep-grid.js';
import type { SweepAxes, SweepPoint, SweepResult } from './sweep-result.js';

export interface SweepOptions {
  store: EvalStore & EvidenceStore;
  results: ComparisonStore;
  /** A task model's name or any `provider:model` reference (a finetuned model, say). */
  model: string;
  /**
   * The prompt (default: for a finetuned model the short prompt it was trained on, else the
   * best prompt's variant, else the task's first).
   */
  variant?: string | undefined;
  /** Finetune jobs, to recognise a model one of them made. */
  jobs?: FinetuneJobStore | undefined;
  axes?: Partial<SweepAxes> | undefined;
  /**
   * Settings the sweep does not vary (max tokens, seed, …) for every point, over the task's
   * (the command line's flags); the axes the sweep varies come from `axes` alone.
   */
  sampling?: SamplingOptions | undefined;
  /** Repeats per case (default: the task's, at least 2, since diversity within needs repeats). */
  repeats?: number | undefined;
  limit?: number | undefined;
  env?: Record<string, string | undefined> | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: RunProgress) => void) | undefined;
  createModel?: ((config: ModelConfig, task: LoadedTask) => LanguageModel) | undefined;
  /** Run even when the prompt or expected answers do not fit the model's context. */
  allowOverflow?: boolean | undefined;
  onContextFit?: ((report: ContextFitReport) => void) | undefined;
  now?: () => Date;
}

/**
 * Runs one prompt on one model over a temperature × top-p × frequency × presence penalty
 * grid (a `sweep` run, kept out of the prompt evidence) and measures each point: how much
 * diversity comes back, at what cost in pass rate, against the grid's conservative corner.
 */
export async function runSweep(task: LoadedTask, options: SweepOptions): Promise<SweepResult> {
  const config = task.config;
  const axes = sweepAxes(options.axes);
  const { variant, settings } = chooseVariant(config, options);
  // Every point at the same current settings; only the swept axes differ between points.
  const fixed = withoutSweptAxes(settings);
  const swept: VariantConfig = {
    ...variant,
    sampling: {
      ...samplingGridOf(fixed),
      temperature: axes.temperature,
      topP: axes.topP,
      frequencyPenalty: axes.frequencyPenalty,
      presencePenalty: axes.presencePenalty,
    },
  };
  const repeats = options.repeats ?? Math.max(2, config.repeats);
  const result = await runEval(
    { ...task, config: { ...config, sampling: {}, variants: [swept] } },
    {
      store: withRunKind(options.store, 'sweep'),
      variants: [swept.name],
      models: [options.model],
      repeats,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.env ? { env: options.env } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.createModel ? { createModel: options.createModel } : {}),
      ...(options.allowOverflow ? { allowOverflow: true } : {}),
      ...(options.onContextFit ? { onContextFit: options.onContextFit } : {}),
    },
  );
  if (result.run.status !== 'completed') {
    throw new TunegateError(
      'ABORTED',
      `sweep stopped before run ${result.run.id} finished; run the same sweep again (answers so far are cached)`,
    );
  }
  const summary = summarizeRun(options.store, result.run.id, qualityOptions(config));
  const groups = [...summary.groups].sort((a, b) => a.samplingIndex - b.samplingIndex);
  const points = measurePoints(groups, options.store, result.run.id);
  const now = options.now?.() ?? new Date();
  const sweep: SweepResult = {
    id: `sweep-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`,
    taskName: config.name,
    createdAt: now.toISOString(),
    runId: result.run.id,
    model: options.model,
    variant: swept.name,
    repeats,
    axes,
    settings: fixed,
    warnings: unalikePoints(points, fixed),
    reference: 0,
    points,
    summary: describeSweep(points),
  };
  options.results.saveSweep(sweep);
  return sweep;
}

/** The prompt to sweep and the current settings it runs at outside the swept axes. */
function chooseVariant(
  config: TaskConfig,
  options: SweepOptions,
): { variant: VariantConfig; settings: SamplingOptions } {
  const best = analyzeLimits(options.store, config).best;
  const overrides = options.sampling;
  const settingsOf = (variant: VariantConfig | undefined) =>
    currentSampling(config, variant, {
      measuredAt: best !== undefined && variant?.name === best.variant ? best.sampling : undefined,
      overrides,
    });
  const bestVariant = config.variants.find((variant) => variant.name === best?.variant);
  // The short prompt runs where `tunegate compare` runs the finetune: at the best prompt's settings.
  const bestSettings = settingsOf(bestVariant);
  const plain = plainVariant(config);
  const short = shortPromptVariant(config, bestSettings);
  const chosen = (variant: VariantConfig) => ({
    variant,
    settings:
      variant === short
        ? bestSettings
        : settingsOf(config.variants.includes(variant) ? variant : undefined),
  });
  const named = (name: string) =>
    config.variants.find((variant) => variant.name === name) ??
    [plain, short].find((variant) => variant.name === name);
  if (options.variant !== undefined) {
    const found = named(options.variant);
    if (!found) {
      const known = config.variants.map((variant) => variant.name).join(', ');
      throw new TunegateError(
        'INVALID_ARGUMENT',
        `unknown variant "${options.variant}" (the task has: ${known})`,
      );
    }
    return chosen(found);
  }
  if (isFinetuned(config, options)) return chosen(short);
  return chosen(
    (bestVariant ? named(bestVariant.name) : undefined) ?? (config.variants[0] as VariantConfig),
  );
}

function withoutSweptAxes(settings: SamplingOptions): SamplingOptions {
  const fixed: SamplingOptions = { ...settings };
  for (const axis of sweptAxes) delete fixed[axis];
  return fixed;
}

/** Points whose settings outside the swept axes are not the sweep's, said loudly. */
function unalikePoints(points: readonly SweepPoint[], fixed: SamplingOptions): string[] {
  return points
    .filter((point) => !sameSampling(withoutSweptAxes(point.sampling), fixed))
    .map(
      (point) =>
        `point ${point.label} ran at ${samplingDifference(withoutSweptAxes(point.sampling), fixed)}: it is not comparable with the other points`,
    );
}

/** A model registered as a finetune, made by a job of this task, or named like one (`…:ft:…`). */
function isFinetuned(config: TaskConfig, options: SweepOptions): boolean {
  const listed = config.models.find((model) => (model.name ?? model.ref) === options.model);
  if (listed?.finetunedFrom !== undefined) return true;
  const ref = listed?.ref ?? options.model;
  if (/^[a-z][a-z0-9-]*:ft:/.test(ref)) return true;
  return (options.jobs?.listJobs(config.name) ?? []).some((job) => job.resultModel === ref);
}

function measurePoints(groups: GroupSummary[], store: EvalStore, runId: string): SweepPoint[] {
  // The summary labels each point; the settings themselves come from the stored cells.
  const optionsByIndex = new Map<number, SweepPoint['sampling']>();
  for (const cell of store.iterateCells(runId)) {
    if (!optionsByIndex.has(cell.samplingIndex))
      optionsByIndex.set(cell.samplingIndex, cell.sampling);
  }
  const reference = groups[0];
  return groups.map((group) => {
    const answered = group.cells - group.errors;
    const within = group.diversityWithin.distinct2 ?? null;
    const referenceWithin = reference?.diversityWithin.distinct2 ?? null;
    return {
      samplingIndex: group.samplingIndex,
      sampling: optionsByIndex.get(group.samplingIndex) ?? {},
      label: group.sampling,
      trials: answered,
      passed: group.passed,
      cases: group.cases,
      errors: group.errors,
      commonestError: group.commonestError,
      incomplete: group.incomplete,
      passRate: group.passRate,
      lower: group.lower,
      upper: group.upper,
      consistency: group.consistency.modalAgreement,
      withinDistinct2: within,
      withinSelfBleu: group.diversityWithin.selfBleu ?? null,
      acrossDistinct2:
        group.diversityAcross.outputCount > 0 ? group.diversityAcross.distinct2 : null,
      acrossSelfBleu: group.diversityAcross.selfBleu?.value ?? null,
      diversityApplicability: group.diversityApplicability,
      latencyP50: group.latencyP50,
      costPer1000: group.cost === null || answered === 0 ? null : (group.cost / answered) * 1000,
      passRateChange: group.passRate - (reference?.passRate ?? group.passRate),
      withinDistinct2Change:
        within === null || referenceWithin === null ? null : within - referenceWithin,
    };
  });
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Where the most diversity comes back, and what it costs in pass rate. For labels and short
 * answers, where distinct-n means nothing, where agreement across repeats falls furthest.
 */
export function describeSweep(points: readonly SweepPoint[]): string {
  const reference = points[0];
  if (!reference) return 'no points measured';
  if (reference.incomplete) {
    return `the reference point ${reference.label} is incomplete (${reference.errors ?? 0} failed calls): fix them and sweep again`;
  }
  const applicability = reference.diversityApplicability;
  if (applicability && !applicability.applies) return describeAgreement(points, reference);
  let most: SweepPoint | undefined;
  for (const point of points) {
    if (point.withinDistinct2 === null || point.incomplete) continue;
    if (!most || point.withinDistinct2 > (most.withinDistinct2 ?? -1)) most = point;
  }
  if (!most || reference.withinDistinct2 === null) {
    return 'diversity within inputs needs at least 2 repeats per case';
  }
  if (most === reference || (most.withinDistinct2 ?? 0) <= reference.withinDistinct2) {
    return `no point is more diverse than ${reference.label} (distinct-2 within inputs ${reference.withinDistinct2.toFixed(2)}, pass rate ${percent(reference.passRate)})`;
  }
  return `${most.label} brings distinct-2 within inputs from ${reference.withinDistinct2.toFixed(2)} to ${(most.withinDistinct2 ?? 0).toFixed(2)} at a pass rate of ${percent(most.passRate)} (${change(most, reference)} points against ${reference.label})`;
}

function describeAgreement(points: readonly SweepPoint[], reference: SweepPoint): string {
  const reason = reference.diversityApplicability?.reason ?? 'short answers';
  const head = `diversity does not apply (${reason})`;
  let least: SweepPoint | undefined;
  for (const point of points) {
    if (point.consistency === null || point.incomplete) continue;
    if (!least || point.consistency < (least.consistency ?? 2)) least = point;
  }
  if (!least || reference.consistency === null) {
    return `${head}; agreement across repeats needs at least 2 repeats per case`;
  }
  if (least === reference || (least.consistency ?? 1) >= reference.consistency) {
    return `${head}; no point agrees less across repeats than ${reference.label} (agreement ${reference.consistency.toFixed(2)}, pass rate ${percent(reference.passRate)})`;
  }
  return `${head}; ${least.label} lowers agreement across repeats from ${reference.consistency.toFixed(2)} to ${(least.consistency ?? 0).toFixed(2)} at a pass rate of ${percent(least.passRate)} (${change(least, reference)} points against ${reference.label})`;
}

const change = (point: SweepPoint, reference: SweepPoint): string => {
  const difference = point.passRate - reference.passRate;
  return `${difference >= 0 ? '+' : '−'}${(Math.abs(difference) * 100).toFixed(1)}`;
};
