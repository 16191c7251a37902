import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { SamplingGrid, TaskConfig, VariantConfig } from '../task/task-schema.js';

/**
 * How a finetuned model is called: the case input alone (the task's input template), no
 * instruction, no system message, no examples; the training rows of `tunegate finetune` have
 * the same shape. Named `finetuned-short` (or `finetuned-short-2`, … when taken).
 */
export function shortPromptVariant(task: TaskConfig, sampling: SamplingOptions): VariantConfig {
  const taken = new Set(task.variants.map((variant) => variant.name));
  let name = 'finetuned-short';
  for (let suffix = 2; taken.has(name); suffix++) name = `finetuned-short-${suffix}`;
  return {
    name,
    description: 'the case input only, as a finetuned model is called (tunegate compare)',
    template: '{{input}}',
    mode: 'chat',
    sampling: samplingGridOf(sampling),
  };
}

/** One sampling point as a grid of single values (so a run has exactly that point). */
export function samplingGridOf(point: SamplingOptions): SamplingGrid {
  const grid: SamplingGrid = {};
  if (point.temperature !== undefined) grid.temperature = [point.temperature];
  if (point.topP !== undefined) grid.topP = [point.topP];
  if (point.topK !== undefined) grid.topK = [point.topK];
  if (point.maxTokens !== undefined) grid.maxTokens = [point.maxTokens];
  if (point.seed !== undefined) grid.seed = [point.seed];
  if (point.frequencyPenalty !== undefined) grid.frequencyPenalty = [point.frequencyPenalty];
  if (point.presencePenalty !== undefined) grid.presencePenalty = [point.presencePenalty];
  if (point.repeatPenalty !== undefined) grid.repeatPenalty = [point.repeatPenalty];
  if (point.stop !== undefined) grid.stop = point.stop;
  return grid;
}
