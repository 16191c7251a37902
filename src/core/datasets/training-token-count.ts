import type { TrainingTokenCounter } from '../../spec/training-token-counter.js';
import { jobEpochs } from './epoch-rule.js';

/**
 * The training tokens of one job: what `data stats`, `ready`'s economics and `finetune`
 * report before training, and what the local trainer counts while it trains.
 */
export interface TrainingTokenCount {
  /** Examples in the uploaded file. */
  examples: number;
  /** Tokens of one pass: each example's tokens, cut at the example limit. */
  tokensPerEpoch: number;
  epochs: number;
  /** Where the epochs came from, in words (`lab.finetune.epochs`, the auto-epoch rule, …). */
  epochSource: string;
  /** Tokens per epoch × epochs. */
  trainingTokens: number;
  /** Examples longer than the limit, counted up to it (training reads no more of them). */
  truncatedExamples: number;
  exampleLimit: number | null;
  /** The tokenizer that counted, in words. */
  tokenizer: string;
  /** True when the model's own tokenizer counted; false for an estimate. */
  exact: boolean;
}

export type CounterFacts = Pick<TrainingTokenCounter, 'tokenizer' | 'exact' | 'exampleLimit'>;

/**
 * The one rule for training tokens: Σ over the uploaded examples of min(tokens, example
 * limit), times the epochs the job runs (asked for, else the auto-epoch rule).
 */
export function countTrainingTokens(
  exampleTokens: readonly number[],
  options: { counter: CounterFacts; epochs?: { epochs: number; source: string } | undefined },
): TrainingTokenCount {
  const limit = options.counter.exampleLimit;
  let tokensPerEpoch = 0;
  let truncatedExamples = 0;
  for (const tokens of exampleTokens) {
    if (limit !== undefined && tokens > limit) truncatedExamples++;
    tokensPerEpoch += limit === undefined ? tokens : Math.min(tokens, limit);
  }
  const epochs = jobEpochs(exampleTokens.length, options.epochs);
  return {
    examples: exampleTokens.length,
    tokensPerEpoch,
    epochs: epochs.epochs,
    epochSource: epochs.source,
    trainingTokens: tokensPerEpoch * epochs.epochs,
    truncatedExamples,
    exampleLimit: limit ?? null,
    tokenizer: options.counter.tokenizer,
    exact: options.counter.exact,
  };
}

/** The non-blank lines of an upload file: one example each. */
export function uploadLines(content: string | Uint8Array): string[] {
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** `countTrainingTokens` over an upload file, each line counted by `counter`. */
export function countUploadTokens(
  content: string | Uint8Array,
  counter: TrainingTokenCounter,
  epochs?: { epochs: number; source: string } | undefined,
): TrainingTokenCount {
  const tokens = uploadLines(content).map((line) => counter.count(line));
  return countTrainingTokens(tokens, { counter, epochs });
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * The count in one line, the same words in every front end: `16,558 tokens an epoch × 4
 * epochs (lab.finetune.epochs) = 66,232 tokens, 499 examples counted by …`.
 */
export function describeTrainingTokens(count: TrainingTokenCount): string {
  const cut =
    count.truncatedExamples > 0
      ? `; ${whole(count.truncatedExamples)} example${count.truncatedExamples === 1 ? '' : 's'} over ${whole(count.exampleLimit ?? 0)} tokens counted up to that limit`
      : '';
  return `${whole(count.tokensPerEpoch)} tokens an epoch × ${count.epochs} epochs (${count.epochSource}) = ${whole(count.trainingTokens)} tokens, ${whole(count.examples)} examples counted by ${count.tokenizer}${cut}`;
}
