import type { Prompt } from '../../spec/prompt.js';
import { jobEpochs } from '../datasets/epoch-rule.js';
import type { TrainingTokenCount } from '../datasets/training-token-count.js';
import { breakEvenCalls } from '../economics/break-even-calls.js';
import { callCost, trainingCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import { lookupPrice } from '../economics/price-table.js';
import { estimateTokens } from '../eval/execute-cell.js';
import type { Iteration } from '../limits/iteration.js';
import type { EvalCase } from '../task/eval-case.js';
import type { ModelConfig, TaskConfig } from '../task/task-schema.js';
import { compileTemplate } from '../template/fill-template.js';
import type { DatasetReadiness } from './dataset-readiness.js';
import type { CostPoint, Economics, PriceRow } from './economics.js';

export interface EconomicsInputs {
  task: TaskConfig;
  best: Iteration | undefined;
  evalCases: readonly EvalCase[];
  dataset: DatasetReadiness;
  /** Renders the best prompt for a case, to calibrate estimates against measured tokens. */
  renderBest?: ((evalCase: EvalCase) => Prompt) | undefined;
  /**
   * The job's training tokens (`jobTrainingTokens` for `economicsBaseModel`); without them,
   * the policy minimum of examples like the eval cases is estimated.
   */
  trainingTokens?: TrainingTokenCount | undefined;
}

/** Providers that serve a LoRA finetune at the base model's price (or run it locally). */
const finetuneAtBasePrice = new Set(['together', 'fireworks', 'local', 'double', 'ollama']);

const dollars = (value: number) =>
  value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

/** The model a finetune would train: `lab.finetune.model`, else the best prompt's model. */
export function economicsBaseModel(
  task: TaskConfig,
  best: Iteration | undefined,
): string | undefined {
  const name = task.lab?.finetune?.model ?? best?.model;
  return name === undefined ? undefined : resolveModel(task, name).ref;
}

/**
 * Without a train file: the policy minimum of examples as long as the eval cases (input plus
 * answer at four characters a token, scaled like the prompts), over the job's epochs.
 */
function policyMinimumTokens(
  inputs: EconomicsInputs,
  renderInput: (fields: Record<string, unknown>) => string,
  scale: number,
): TrainingTokenCount {
  const { task } = inputs;
  const perExample = mean(
    inputs.evalCases.map((evalCase) => {
      const expected = evalCase.fields[task.output.field];
      const text = `${safeRender(renderInput, evalCase)} ${typeof expected === 'string' ? expected : JSON.stringify(expected ?? '')}`;
      return Math.ceil(text.length / 4) + 8;
    }),
  );
  const examples = task.policy.minTrainExamples;
  const given = task.lab?.finetune?.epochs;
  const epochs = jobEpochs(
    examples,
    given === undefined ? undefined : { epochs: given, source: 'lab.finetune.epochs' },
  );
  const tokensPerEpoch = examples * perExample * scale;
  return {
    examples,
    tokensPerEpoch,
    epochs: epochs.epochs,
    epochSource: epochs.source,
    trainingTokens: tokensPerEpoch * epochs.epochs,
    truncatedExamples: 0,
    exampleLimit: null,
    tokenizer: `four characters a token (about ${whole(perExample * scale)} an example)`,
    exact: false,
  };
}

/**
 * Cost per call of the best prompt (its measured tokens) against a finetuned model that gets
 * only the case input (no instruction, no examples), plus training cost; the break-even volume
 * is training cost ÷ saving per call, spread over the payback months.
 */
export function estimateEconomics(inputs: EconomicsInputs): Economics {
  const { task, best } = inputs;
  const lab = task.lab?.finetune;
  const paybackMonths = lab?.paybackMonths ?? 12;
  const prices = priceRows(task);
  const empty: Economics = {
    bestPrompt: null,
    finetuned: null,
    training: null,
    breakEvenCalls: null,
    paybackMonths,
    breakEvenMonthlyCalls: null,
    neverBreaksEven: false,
    summary: 'no evaluations yet: nothing to price',
    prices,
    curve: [],
  };
  const answered = best ? best.trials - best.errors : 0;
  if (!best || answered === 0) return empty;
  const promptModel = resolveModel(task, best.model);
  const promptPrice = promptModel.price ?? lookupPrice(promptModel.ref, task.prices);
  const inputPerCall = best.inputTokens / answered;
  const outputPerCall = best.outputTokens / answered;
  const bestPrompt = {
    label: best.label,
    model: best.model,
    ref: promptModel.ref,
    inputTokensPerCall: inputPerCall,
    outputTokensPerCall: outputPerCall,
    price: promptPrice,
    costPerCall: promptPrice
      ? callCost({ inputTokens: inputPerCall, outputTokens: outputPerCall }, promptPrice)
      : null,
  };

  const renderInput = compileTemplate(task.input);
  const shortPrompts = inputs.evalCases.map(
    (evalCase): Prompt => ({
      mode: 'chat',
      messages: [{ role: 'user', content: safeRender(renderInput, evalCase) }],
    }),
  );
  const estimatedShort = mean(shortPrompts.map((prompt) => estimateTokens(prompt)));
  const estimatedBest = inputs.renderBest
    ? mean(
        inputs.evalCases.map((evalCase) =>
          estimateTokens(renderOrEmpty(inputs.renderBest, evalCase)),
        ),
      )
    : 0;
  // The provider's tokenizer differs from 4 characters a token; scale by what the best prompt measured.
  const scale = estimatedBest > 0 ? inputPerCall / estimatedBest : 1;
  const baseModel = resolveModel(task, lab?.model ?? best.model);
  const basePrice = baseModel.price ?? lookupPrice(baseModel.ref, task.prices);
  const ref = finetunedRef(baseModel.ref);
  const provider = baseModel.ref.slice(0, baseModel.ref.indexOf(':'));
  const finetunedPrice =
    lab?.price ??
    lookupPrice(ref, task.prices) ??
    (finetuneAtBasePrice.has(provider) ? basePrice : undefined);
  const finetunedInput = estimatedShort * scale;
  const finetuned = {
    baseRef: baseModel.ref,
    ref,
    inputTokensPerCall: finetunedInput,
    outputTokensPerCall: outputPerCall,
    price: finetunedPrice,
    costPerCall: finetunedPrice
      ? callCost({ inputTokens: finetunedInput, outputTokens: outputPerCall }, finetunedPrice)
      : null,
    method: `the case input alone (no instruction, no examples), ${inputs.renderBest ? 'scaled by the best prompt’s measured ÷ estimated tokens' : 'at 4 characters a token'}`,
  };

  const trainingRate = lab?.price?.training ?? basePrice?.training;
  const count = inputs.trainingTokens ?? policyMinimumTokens(inputs, renderInput, scale);
  const training = {
    ...count,
    pricePerMillion: trainingRate ?? null,
    cost:
      trainingRate === undefined
        ? null
        : (trainingCost(count.trainingTokens, { input: 0, output: 0, training: trainingRate }) ??
          null),
    method: inputs.trainingTokens
      ? `the ${whole(count.examples)} rows finetune uploads from ${inputs.dataset.file ?? task.data.train ?? 'the train file'}`
      : `estimated: ${whole(count.examples)} examples (the policy minimum) like the eval cases`,
  };

  const result: Economics = { ...empty, bestPrompt, finetuned, training };
  const promptCost = bestPrompt.costPerCall;
  const finetunedCost = finetuned.costPerCall;
  if (promptCost === null || finetunedCost === null || training.cost === null) {
    const missing = [
      promptCost === null ? promptModel.ref : undefined,
      finetunedCost === null ? ref : undefined,
      training.cost === null ? `${baseModel.ref} (training)` : undefined,
    ].filter((item) => item !== undefined);
    result.summary = `cost unknown: no price for ${missing.join(', ')}; set prices: in the task (US$ per 1M tokens) or lab.finetune.price`;
    return result;
  }
  const calls = breakEvenCalls(training.cost, promptCost, finetunedCost);
  if (calls === undefined) {
    result.neverBreaksEven = true;
    result.summary = `never breaks even: the finetuned model costs ${dollars(finetunedCost)} a call against ${dollars(promptCost)} for the best prompt, so training (${dollars(training.cost)}) is never paid back; finetune only if quality demands it`;
    result.curve = costCurve(promptCost, finetunedCost, training.cost, paybackMonths, undefined);
    return result;
  }
  result.breakEvenCalls = calls;
  result.breakEvenMonthlyCalls = calls / paybackMonths;
  result.summary = `training (${dollars(training.cost)}) pays for itself after ${whole(calls)} calls: ${whole(calls / paybackMonths)} calls a month over ${paybackMonths} months (best prompt ${dollars(promptCost)} a call, finetuned ${dollars(finetunedCost)})`;
  result.curve = costCurve(
    promptCost,
    finetunedCost,
    training.cost,
    paybackMonths,
    calls / paybackMonths,
  );
  return result;
}

/** Cost per 1,000 calls at monthly volumes around the break-even point, 4 points a decade. */
export function costCurve(
  promptCost: number,
  finetunedCost: number,
  training: number,
  paybackMonths: number,
  breakEvenMonthly: number | undefined,
): CostPoint[] {
  const centre = breakEvenMonthly && breakEvenMonthly > 0 ? Math.log10(breakEvenMonthly) : 4.5;
  const from = Math.max(0, Math.floor(centre - 2));
  const to = Math.ceil(centre + 2);
  const points: CostPoint[] = [];
  for (let step = from * 4; step <= to * 4; step++) {
    const monthlyCalls = 10 ** (step / 4);
    points.push({
      monthlyCalls,
      promptPer1000: promptCost * 1000,
      finetunedPer1000: (training / paybackMonths / monthlyCalls + finetunedCost) * 1000,
    });
  }
  return points;
}

/** `provider:ft:model`, the key the price table uses for finetunes. */
export function finetunedRef(ref: string): string {
  const colon = ref.indexOf(':');
  return `${ref.slice(0, colon)}:ft:${ref.slice(colon + 1)}`;
}

function resolveModel(task: TaskConfig, nameOrRef: string): ModelConfig {
  return (
    task.models.find(
      (model) => (model.name ?? model.ref) === nameOrRef || model.ref === nameOrRef,
    ) ?? {
      ref: nameOrRef,
    }
  );
}

function priceRows(task: TaskConfig): PriceRow[] {
  return task.models.map((model) => {
    const price: ModelPrice | undefined = model.price ?? lookupPrice(model.ref, task.prices);
    const finetuned = lookupPrice(finetunedRef(model.ref), task.prices);
    return {
      model: model.name ?? model.ref,
      ref: model.ref,
      input: price?.input ?? null,
      output: price?.output ?? null,
      training: price?.training ?? null,
      finetunedInput: finetuned?.input ?? null,
      finetunedOutput: finetuned?.output ?? null,
    };
  });
}

function safeRender(
  render: (fields: Record<string, unknown>) => string,
  evalCase: EvalCase,
): string {
  try {
    return render(evalCase.fields);
  } catch {
    return '';
  }
}

function renderOrEmpty(
  render: ((evalCase: EvalCase) => Prompt) | undefined,
  evalCase: EvalCase,
): Prompt {
  try {
    return render ? render(evalCase) : { mode: 'completion', text: '' };
  } catch {
    return { mode: 'completion', text: '' };
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
