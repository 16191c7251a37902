import { randomBytes } from 'node:crypto';
import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { ModelPrice } from '../economics/model-price.js';
import { lookupPrice } from '../economics/price-table.js';
import type { EvalStore } from '../eval/eval-store.js';
import { prepareRun } from '../eval/prepare-run.js';
import type { FinetuneJobStore } from '../finetune/finetune-job-store.js';
import { jobTrainingTokens } from '../finetune/job-training-tokens.js';
import { analyzeLimits } from '../limits/analyze-limits.js';
import type { EvidenceStore } from '../limits/evidence-store.js';
import type { Iteration } from '../limits/iteration.js';
import { checkTrainingData } from '../readiness/check-training-data.js';
import type { DatasetReadiness } from '../readiness/dataset-readiness.js';
import { estimateEconomics } from '../readiness/estimate-economics.js';
import type { AnsweredTally } from '../statistics/answered-tally.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ModelConfig, TaskConfig } from '../task/task-schema.js';
import { type ArmFacts, buildArm } from './build-arm.js';
import type { Comparison, ComparisonArm } from './comparison.js';
import { comparisonEconomics } from './comparison-economics.js';
import type { ComparisonStore } from './comparison-store.js';
import { describeComparison } from './describe-comparison.js';
import {
  type ArmRunOptions,
  baseArmSource,
  checkArmContexts,
  finetunedArmSource,
  runArm,
} from './locate-arm-runs.js';
import { measureGroup } from './measure-group.js';

export interface CompareOptions extends ArmRunOptions {
  store: EvalStore & EvidenceStore;
  comparisons: ComparisonStore;
  /** Finetune jobs, to price training from the job that made the model. */
  jobs?: FinetuneJobStore | undefined;
  /** The finetuned model: a task model's name or a `provider:model` reference. */
  finetuned: string;
  /** The base model (default: lab.finetune.model, the job's base model, else the best prompt's). */
  base?: string | undefined;
  /** US$ spent on training, when known better than the estimate. */
  trainingCost?: number | undefined;
  checkData?: (task: LoadedTask) => Promise<DatasetReadiness>;
  /** The base model's own tokenizer for estimated training tokens (local models). */
  counters?: TrainingTokenCounterSource | undefined;
  now?: () => Date;
}

/** Providers that serve a LoRA finetune at the base model's price (or run it locally). */
const servedAtBasePrice = new Set(['together', 'fireworks', 'local', 'double', 'ollama']);

/**
 * Rule 4's evidence: the finetuned model with a short prompt against the best prompt and the
 * base model (plain instruction) on the eval set, pass rate with case-level intervals and a paired test over cases,
 * consistency, diversity, latency and cost at volume. Runs what is missing (a `compare` run
 * for the finetuned model, a `probe` for the base), reuses what is stored, and saves the result.
 */
export async function compareFinetuned(
  task: LoadedTask,
  options: CompareOptions,
): Promise<Comparison> {
  const config = task.config;
  const limits = analyzeLimits(options.store, config);
  const best = limits.best;
  if (!best) {
    throw new TunegateError(
      'RUN_NOT_FOUND',
      'no evaluated prompt to compare with: run tunegate eval (and probe) first',
    );
  }
  const finetuned = resolveModel(config, options.finetuned);
  const job = options.jobs
    ?.listJobs(config.name)
    .reverse()
    .find((candidate) => candidate.resultModel === finetuned.ref);
  const base = resolveModel(
    config,
    options.base ?? config.lab?.finetune?.model ?? job?.baseModel ?? best.model,
  );
  const bestModel = resolveModel(config, best.model);
  const jsonOutputs = config.output.kind === 'json';
  const finetunedSource = finetunedArmSource(task, options, finetuned.name, best.sampling);
  const baseSource = baseArmSource(task, options, limits.iterations, base.name, best.sampling);
  await checkArmContexts([finetunedSource, baseSource], options);
  const finetunedRun = await runArm(finetunedSource);
  const baseRun = await runArm(baseSource);
  const bestMeasured = measureGroup(options.store, best, { jsonOutputs });
  const arms: ComparisonArm[] = [
    buildArm(
      facts('finetuned', finetunedRun, finetuned.ref, options, jsonOutputs, bestMeasured.tallies, {
        price: finetunedPrice(config, finetuned, base),
      }),
    ),
    buildArm({
      role: 'best-prompt',
      group: best,
      ref: bestModel.ref,
      reused: true,
      measured: bestMeasured,
      price: priceOf(config, bestModel),
      best: undefined,
    }),
    buildArm(
      facts('base', baseRun, base.ref, options, jsonOutputs, bestMeasured.tallies, {
        price: priceOf(config, base),
      }),
    ),
  ];
  const [tunedArm, bestArm] = arms as [ComparisonArm, ComparisonArm, ComparisonArm];
  const training = await trainingCost(task, options, best, base, job);
  const economics = comparisonEconomics({
    bestPer1000: bestArm.costPer1000,
    finetunedPer1000: tunedArm.costPer1000,
    trainingCost: training.cost,
    trainingMethod: training.method,
    paybackMonths: config.lab?.finetune?.paybackMonths ?? 12,
  });
  const comparison: Comparison = {
    id: newComparisonId(options.now?.() ?? new Date()),
    taskName: config.name,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    evalCases: bestMeasured.tallies.size,
    repeats: options.repeats ?? config.repeats,
    arms,
    economics,
    verdict: '',
  };
  comparison.verdict = describeComparison(comparison);
  options.comparisons.saveComparison(comparison);
  return comparison;
}

function facts(
  role: 'finetuned' | 'base',
  located: { group: ArmFacts['group']; reused: boolean },
  ref: string,
  options: CompareOptions,
  jsonOutputs: boolean,
  best: ReadonlyMap<string, AnsweredTally>,
  extra: { price: ModelPrice | undefined },
): ArmFacts {
  return {
    role,
    group: located.group,
    ref,
    reused: located.reused,
    measured: measureGroup(options.store, located.group, { jsonOutputs }),
    price: extra.price,
    best,
  };
}

interface ResolvedModel {
  name: string;
  ref: string;
  config: ModelConfig;
}

function resolveModel(task: TaskConfig, nameOrRef: string): ResolvedModel {
  const found = task.models.find(
    (model) => (model.name ?? model.ref) === nameOrRef || model.ref === nameOrRef,
  );
  if (found) return { name: found.name ?? found.ref, ref: found.ref, config: found };
  if (!/^[a-z][a-z0-9-]*:.+$/.test(nameOrRef)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `unknown model "${nameOrRef}": use a model of the task or a provider:model reference`,
    );
  }
  return { name: nameOrRef, ref: nameOrRef, config: { ref: nameOrRef } };
}

function priceOf(task: TaskConfig, model: ResolvedModel): ModelPrice | undefined {
  return model.config.price ?? lookupPrice(model.ref, task.prices);
}

function finetunedPrice(
  task: TaskConfig,
  finetuned: ResolvedModel,
  base: ResolvedModel,
): ModelPrice | undefined {
  const provider = finetuned.ref.slice(0, finetuned.ref.indexOf(':'));
  return (
    finetuned.config.price ??
    task.lab?.finetune?.price ??
    lookupPrice(finetuned.ref, task.prices) ??
    (servedAtBasePrice.has(provider) ? priceOf(task, base) : undefined)
  );
}

async function trainingCost(
  task: LoadedTask,
  options: CompareOptions,
  best: Iteration,
  base: ResolvedModel,
  job:
    | {
        id: string;
        engine: string;
        trainedTokens: number | null;
        hyperparameters: { epochs?: number };
      }
    | undefined,
): Promise<{ cost: number | null; method: string }> {
  if (options.trainingCost !== undefined) {
    return { cost: options.trainingCost, method: 'as given (--training-cost)' };
  }
  const rate = task.config.lab?.finetune?.price?.training ?? priceOf(task.config, base)?.training;
  if (job !== undefined && job.trainedTokens !== null && rate !== undefined) {
    return {
      cost: (job.trainedTokens * rate) / 1_000_000,
      method: `${job.trainedTokens.toLocaleString('en-US')} tokens trained by ${job.engine} job ${job.id} at $${rate} per 1M`,
    };
  }
  const plan = await prepareRun({ ...task, config: { ...task.config, variants: [] } }, {});
  const dataset = await (options.checkData ?? checkTrainingData)(task);
  // An engine that reports no count (Fireworks): the job's own epochs, counted like `ready`.
  const counted = await jobTrainingTokens(task, {
    baseModel: base.ref,
    epochs:
      job?.hyperparameters.epochs === undefined
        ? undefined
        : { epochs: job.hyperparameters.epochs, source: `job ${job.id}'s epochs` },
    counters: options.counters,
  });
  const estimate = estimateEconomics({
    task: task.config,
    best,
    evalCases: plan.cases,
    dataset,
    trainingTokens: counted !== undefined && counted.examples > 0 ? counted : undefined,
  });
  const method = estimate.training?.method ?? 'no training data';
  return {
    cost: estimate.training?.cost ?? null,
    method: method.startsWith('estimated') ? method : `estimated from ${method}`,
  };
}

function newComparisonId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `cmp-${stamp}-${randomBytes(3).toString('hex')}`;
}
