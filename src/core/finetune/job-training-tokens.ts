import type { TrainingTokenCounterSource } from '../../spec/training-token-counter.js';
import { uploadFormat } from '../datasets/engine-exporter.js';
import { openTrainingTokenCounter } from '../datasets/tiktoken-training-counter.js';
import { type GivenEpochs, givenEpochs } from '../datasets/training-estimate.js';
import { countUploadTokens, type TrainingTokenCount } from '../datasets/training-token-count.js';
import { uploadRows } from '../datasets/upload-rows.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { resolveDataPath } from '../task/read-data-file.js';

export interface JobTrainingTokenOptions {
  /** The `provider:model` reference to finetune: its engine, tokenizer and example limit. */
  baseModel: string;
  /** Training file (default: the task's `data.train`). */
  train?: string | undefined;
  keepInstruction?: boolean | undefined;
  /** Epochs asked for (default: `lab.finetune.epochs`, else the auto-epoch rule). */
  epochs?: GivenEpochs | undefined;
  counters?: TrainingTokenCounterSource | undefined;
}

/**
 * The training tokens of the job `tunegate finetune` would start: the train file converted as
 * it uploads it to the base model's engine, counted by `countTrainingTokens`. Undefined when
 * the task names no train file.
 */
export async function jobTrainingTokens(
  task: LoadedTask,
  options: JobTrainingTokenOptions,
): Promise<TrainingTokenCount | undefined> {
  const train = options.train ?? task.config.data.train;
  if (train === undefined) return undefined;
  const engine = options.baseModel.slice(0, options.baseModel.indexOf(':'));
  const rows = await uploadRows(resolveDataPath(task, train), {
    to: uploadFormat(engine),
    task,
    keepInstruction: options.keepInstruction,
  });
  const counter = await openTrainingTokenCounter(options.baseModel, options.counters);
  try {
    return countUploadTokens(rows.content, counter, givenEpochs(task, options.epochs));
  } finally {
    await counter.dispose();
  }
}
