import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { percentileOfSorted } from '../metrics/percentile.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { DatasetFormat } from './dataset-format.js';
import { openDatasetViews, type ViewOptions } from './dataset-views.js';
import { isClassification } from './file-wide-checks.js';
import { GrowableArray } from './growable-array.js';
import { LabelCounter } from './label-counter.js';
import { createTokenCounter, exampleTokens, type TokenizerName } from './token-counter.js';
import { estimateTraining, type GivenEpochs, type TrainingEstimate } from './training-estimate.js';

export interface StatsOptions extends ViewOptions {
  /** Tokenizer for the tokens-per-example figures (default o200k_base). */
  tokenizer?: TokenizerName;
  /** Models to estimate training for (default: the task's finetune model, then every priced one). */
  models?: readonly string[];
  /** Its prices override the price table; its eval rows train as short-prompt chat rows. */
  task?: LoadedTask;
  /** The model's own tokenizer for training tokens where the source has one (local models). */
  counters?: TrainingTokenCounterSource;
  /** Epochs for the training estimate (default: the task's, else the auto-epoch rule). */
  epochs?: GivenEpochs;
}

export interface DatasetStats {
  file: string;
  format: DatasetFormat;
  rows: number;
  /** Rows that could be read and used. */
  usableRows: number;
  /** The tokenizer of `tokensPerExample`: the rows' own text, framing included for chat rows. */
  tokenizer: TokenizerName;
  tokensPerExample: {
    p5: number;
    p50: number;
    p95: number;
    mean: number;
    max: number;
    total: number;
  } | null;
  /** Distinct outputs and their counts, when the outputs look like labels. */
  labels?: { label: string; count: number }[];
  /** Per model: the rows as `finetune` uploads them, in its tokenizer, × the job's epochs. */
  training: TrainingEstimate[];
}

/**
 * `data stats`: rows, tokens per example (p5 / p50 / p95) with a chosen tokenizer, the label
 * distribution, and the training tokens and cost per model (`estimateTraining`).
 */
export async function datasetStats(
  file: string,
  options: StatsOptions = {},
): Promise<DatasetStats> {
  const tokenizer = options.tokenizer ?? 'o200k_base';
  const counter = await createTokenCounter(tokenizer);
  const viewed = await openDatasetViews(file, options);
  const tokens = new GrowableArray(Uint32Array);
  const labels = new LabelCounter();
  let rows = 0;
  for await (const { view } of viewed.rows) {
    rows += 1;
    if (view === undefined) continue;
    tokens.push(exampleTokens(counter, view.fullText, view.messageCount));
    if (view.output !== undefined) labels.add(view.output.trim());
  }
  const values = tokens.view();
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (const value of values) total += value;
  const labelled =
    !labels.overflowed &&
    (isClassification(labels.distinct, labels.total, false) || viewed.outputField !== undefined);
  const stats: DatasetStats = {
    file,
    format: viewed.format,
    rows,
    usableRows: values.length,
    tokenizer,
    tokensPerExample:
      values.length === 0
        ? null
        : {
            p5: percentileOfSorted(sorted, 5),
            p50: percentileOfSorted(sorted, 50),
            p95: percentileOfSorted(sorted, 95),
            mean: total / values.length,
            max: sorted[sorted.length - 1] as number,
            total,
          },
    training: await estimateTraining(file, {
      models: options.models,
      task: options.task,
      counters: options.counters,
      epochs: options.epochs,
      ...(options.format !== undefined ? { format: options.format } : {}),
      ...(options.outputField !== undefined ? { outputField: options.outputField } : {}),
    }),
  };
  if (labelled) stats.labels = labels.distribution();
  return stats;
}
