import type { Prompt } from './prompt.js';

/**
 * What a model's context holds and how prompts and answers count against it, so a run can be
 * checked before it spends anything.
 */
export interface ContextMeter {
  /** Tokens one call holds: prompt and answer together. */
  readonly contextSize: number;
  /** How the counts are made, e.g. "the model's own tokenizer" or "4 characters a token". */
  readonly method: string;
  /** False when the counts are estimates. */
  readonly exact: boolean;
  /**
   * What the engine does with a `maxTokens` the context has no room for: `clipped` (the answer
   * gets the room left after the prompt, as the local engine does) or `rejected` (the call
   * fails, as hosted APIs do when prompt plus maxTokens exceed the context).
   */
  readonly maxTokensBeyondRoom: 'clipped' | 'rejected';
  /** Tokens the prompt takes as sent: chat template or framing and start token included. */
  promptTokens(prompt: Prompt): number;
  /** Tokens of an answer as the model would write it after the prompt. */
  answerTokens(text: string): number;
}
