import type { Prompt } from '../../spec/prompt.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { loadCases, resolveDataPath } from '../task/read-data-file.js';
import type { ModelConfig, VariantConfig } from '../task/task-schema.js';
import { createPromptRenderer } from '../template/render-prompt.js';
import type { RunOptions } from './run-record.js';
import { samplingPoints } from './sampling-points.js';

export interface PlannedVariant {
  config: VariantConfig;
  render: (evalCase: EvalCase) => Prompt;
  points: SamplingOptions[];
}

export interface PlannedModel {
  /** Display name: the configured name, else the reference. */
  name: string;
  config: ModelConfig;
}

export interface RunPlan {
  task: LoadedTask;
  cases: EvalCase[];
  variants: PlannedVariant[];
  models: PlannedModel[];
  repeats: number;
  totalCells: number;
}

const modelReference = /^[a-z][a-z0-9-]*:.+$/;

/** Resolves filters against the task and loads the data a run needs; spends nothing. */
export async function prepareRun(task: LoadedTask, options: RunOptions): Promise<RunPlan> {
  const config = task.config;
  const variants = selectVariants(config.variants, options.variants);
  const models = selectModels(config.models, options.models);
  const evalFile = resolveDataPath(task, config.data.eval);
  const loaded = await loadCases(evalFile);
  if (loaded.problems.length > 0) throw TunegateError.fromProblems('INVALID_DATA', loaded.problems);
  const cases = options.limit === undefined ? loaded.cases : loaded.cases.slice(0, options.limit);
  if (cases.length === 0) {
    throw new TunegateError('INVALID_DATA', `${evalFile}: the eval set has no cases`);
  }
  let pool: EvalCase[] = [];
  if (config.data.fewShot) {
    const fewShot = await loadCases(resolveDataPath(task, config.data.fewShot));
    if (fewShot.problems.length > 0) {
      throw TunegateError.fromProblems('INVALID_DATA', fewShot.problems);
    }
    pool = fewShot.cases;
  }
  const planned = variants.map((variant) => ({
    config: variant,
    render: createPromptRenderer(config, variant, pool),
    points: samplingPoints(config.sampling, variant.sampling),
  }));
  const repeats = options.repeats ?? config.repeats;
  const pointsTotal = planned.reduce((sum, variant) => sum + variant.points.length, 0);
  return {
    task,
    cases,
    variants: planned,
    models,
    repeats,
    totalCells: pointsTotal * models.length * cases.length * repeats,
  };
}

function selectVariants(all: VariantConfig[], wanted: string[] | undefined): VariantConfig[] {
  if (!wanted || wanted.length === 0) return all;
  return wanted.map((name) => {
    const found = all.find((variant) => variant.name === name);
    if (!found) {
      const known = all.map((variant) => variant.name).join(', ');
      throw new TunegateError(
        'INVALID_ARGUMENT',
        `unknown variant "${name}" (the task has: ${known})`,
      );
    }
    return found;
  });
}

/** A filter names a task model (by name or reference), or is itself a `provider:model` reference. */
function selectModels(all: ModelConfig[], wanted: string[] | undefined): PlannedModel[] {
  const planned = all.map((config) => ({ name: config.name ?? config.ref, config }));
  if (!wanted || wanted.length === 0) return planned;
  return wanted.map((name) => {
    const found = planned.find((model) => model.name === name || model.config.ref === name);
    if (found) return found;
    if (modelReference.test(name)) return { name, config: { ref: name } };
    const known = planned.map((model) => model.name).join(', ');
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `unknown model "${name}": use a model of the task (${known}) or a provider:model reference`,
    );
  });
}

/** Lazily walks the matrix in a stable order: variant, model, sampling point, case, repeat. */
export function* planCells(plan: RunPlan): Generator<PlannedCell> {
  for (const variant of plan.variants) {
    for (const model of plan.models) {
      for (let samplingIndex = 0; samplingIndex < variant.points.length; samplingIndex++) {
        const sampling = variant.points[samplingIndex] as SamplingOptions;
        for (const evalCase of plan.cases) {
          for (let repeat = 0; repeat < plan.repeats; repeat++) {
            yield {
              key: cellKey(variant.config.name, model.name, samplingIndex, evalCase.id, repeat),
              variant,
              model,
              samplingIndex,
              sampling,
              evalCase,
              repeat,
            };
          }
        }
      }
    }
  }
}

export interface PlannedCell {
  key: string;
  variant: PlannedVariant;
  model: PlannedModel;
  samplingIndex: number;
  sampling: SamplingOptions;
  evalCase: EvalCase;
  repeat: number;
}

/** Unambiguous whatever characters names and ids contain. */
export function cellKey(
  variant: string,
  model: string,
  samplingIndex: number,
  caseId: string,
  repeat: number,
): string {
  return JSON.stringify([variant, model, samplingIndex, caseId, repeat]);
}
