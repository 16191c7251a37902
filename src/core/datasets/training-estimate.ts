import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { trainingCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import { lookupPrice, PRICE_TABLE } from '../economics/price-table.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { ViewOptions } from './dataset-views.js';
import { type ExportEngine, uploadFormat } from './engine-exporter.js';
import { openTrainingTokenCounter } from './tiktoken-training-counter.js';
import { countUploadTokens, type TrainingTokenCount } from './training-token-count.js';
import { type UploadRows, uploadRows } from './upload-rows.js';

export interface TrainingEstimate extends TrainingTokenCount {
  engine: string;
  model: string;
  /** US dollars, or null when the model has no training price. */
  cost: number | null;
}

export interface TrainingEstimateOptions extends ViewOptions {
  /** Models to estimate (default: the task's finetune model, then every priced finetunable one). */
  models?: readonly string[] | undefined;
  /** Its models' prices and `prices:` override the price table; its eval rows become short-prompt rows. */
  task?: LoadedTask | undefined;
  /** The model's own tokenizer where the source has one (local models); else tiktoken. */
  counters?: TrainingTokenCounterSource | undefined;
  /** Epochs asked for (default: the task's `lab.finetune.epochs`, else the auto-epoch rule). */
  epochs?: GivenEpochs | undefined;
}

/**
 * `data stats`' training table: for each model, the file as `finetune` would upload it to the
 * model's engine, counted by `countTrainingTokens` with the model's tokenizer and example
 * limit, times the job's epochs, and priced.
 */
export async function estimateTraining(
  file: string,
  options: TrainingEstimateOptions = {},
): Promise<TrainingEstimate[]> {
  const { task } = options;
  const prices: Record<string, ModelPrice> = { ...PRICE_TABLE, ...task?.config.prices };
  const models =
    options.models && options.models.length > 0 ? [...options.models] : defaults(task, prices);
  const epochs = givenEpochs(task, options.epochs);
  const uploads = new Map<ExportEngine, Promise<UploadRows>>();
  const estimates: TrainingEstimate[] = [];
  for (const model of models) {
    const engine = model.slice(0, model.indexOf(':'));
    const format = uploadFormat(engine);
    let upload = uploads.get(format);
    if (upload === undefined) {
      upload = uploadRows(file, {
        to: format,
        task,
        ...(options.format !== undefined ? { format: options.format } : {}),
        ...(options.outputField !== undefined ? { outputField: options.outputField } : {}),
      });
      uploads.set(format, upload);
    }
    const counter = await openTrainingTokenCounter(model, options.counters);
    try {
      const count = countUploadTokens((await upload).content, counter, epochs);
      const price = priceOf(task, model, prices);
      const cost = price === undefined ? undefined : trainingCost(count.trainingTokens, price);
      estimates.push({ engine, model, ...count, cost: cost ?? null });
    } finally {
      await counter.dispose();
    }
  }
  return estimates;
}

/** Epochs someone asked for, and who (`--epochs`, a job's settings). */
export interface GivenEpochs {
  epochs: number;
  source: string;
}

/** The epochs asked for, else the task's `lab.finetune.epochs`; undefined leaves the auto-epoch rule. */
export function givenEpochs(
  task: LoadedTask | undefined,
  given: GivenEpochs | undefined,
): GivenEpochs | undefined {
  if (given !== undefined) return given;
  const fromTask = task?.config.lab?.finetune?.epochs;
  return fromTask === undefined ? undefined : { epochs: fromTask, source: 'lab.finetune.epochs' };
}

/** The task's finetune base model first, then every finetunable model with a training price. */
function defaults(task: LoadedTask | undefined, prices: Record<string, ModelPrice>): string[] {
  const base = task?.config.lab?.finetune?.model;
  const baseRef =
    base === undefined
      ? undefined
      : (task?.config.models.find((model) => (model.name ?? model.ref) === base)?.ref ?? base);
  const priced = Object.keys(prices).filter(
    (model) => prices[model]?.training !== undefined && !model.includes(':ft:'),
  );
  return [...new Set([...(baseRef === undefined ? [] : [baseRef]), ...priced])];
}

function priceOf(
  task: LoadedTask | undefined,
  model: string,
  prices: Record<string, ModelPrice>,
): ModelPrice | undefined {
  const configured = task?.config.models.find((entry) => entry.ref === model)?.price;
  return configured ?? prices[model] ?? lookupPrice(model, task?.config.prices);
}
