import type {
  TrainingTokenCounter,
  TrainingTokenCounterSource,
} from '../../spec/training-token-counter.js';
import { contextLimitOf } from './context-limits.js';
import { contentText, isPlainObject } from './message-content.js';
import { createTokenCounter, type TokenCounter, type TokenizerName } from './token-counter.js';

/** Per-example cap where a model's limit is unknown. */
export const defaultExampleTokenCap = 65_536;

/** OpenAI's older chat models use cl100k_base; gpt-4o, gpt-4.1, o-series and the rest o200k_base. */
export function tiktokenEncodingFor(modelRef: string): TokenizerName {
  return /^openai:(?:ft:)?gpt-(?:3\.5|4)(?![o.])/.test(modelRef) ? 'cl100k_base' : 'o200k_base';
}

/**
 * The tiktoken estimate of an upload line, for API models: message text plus OpenAI's chat
 * framing (4 tokens a message, 3 to prime the reply). For OpenAI's models it is their
 * tokenizer; for any other provider it stands in for a tokenizer tunegate does not have.
 */
export async function tiktokenTrainingCounter(modelRef: string): Promise<TrainingTokenCounter> {
  const encoding = tiktokenEncodingFor(modelRef);
  const counter = await createTokenCounter(encoding);
  const openai = modelRef.startsWith('openai:');
  return {
    tokenizer: openai
      ? `${encoding} (tiktoken: OpenAI's tokenizer, chat framing estimated)`
      : `${encoding} (tiktoken: an estimate, not the model's own tokenizer)`,
    exact: false,
    exampleLimit: contextLimitOf(modelRef) ?? defaultExampleTokenCap,
    count: (line) => rowTokens(counter, JSON.parse(line) as unknown),
    dispose: async () => undefined,
  };
}

/**
 * The source's counter for the model, else the tiktoken estimate; a source that fails (a
 * missing model file) leaves the estimate, which then says why.
 */
export async function openTrainingTokenCounter(
  modelRef: string,
  source?: TrainingTokenCounterSource | undefined,
): Promise<TrainingTokenCounter> {
  let failure: string | undefined;
  try {
    const counter = await source?.(modelRef);
    if (counter !== undefined) return counter;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const estimate = await tiktokenTrainingCounter(modelRef);
  if (failure === undefined) return estimate;
  return {
    ...estimate,
    tokenizer: `${estimate.tokenizer} (its tokenizer did not load: ${failure})`,
  };
}

function rowTokens(counter: TokenCounter, row: unknown): number {
  if (!isPlainObject(row)) return 0;
  if (Array.isArray(row.messages)) return messageTokens(counter, row.messages);
  if (isPlainObject(row.input) && Array.isArray(row.input.messages)) {
    // Preference rows: the conversation, then both answers.
    return (
      messageTokens(counter, row.input.messages) +
      outputTokens(counter, row.preferred_output) +
      outputTokens(counter, row.non_preferred_output)
    );
  }
  if (typeof row.prompt === 'string' || typeof row.completion === 'string') {
    return counter.count(String(row.prompt ?? '')) + counter.count(String(row.completion ?? ''));
  }
  return typeof row.text === 'string' ? counter.count(row.text) : 0;
}

function messageTokens(counter: TokenCounter, messages: readonly unknown[]): number {
  let tokens = 3;
  for (const message of messages) {
    if (!isPlainObject(message)) continue;
    tokens += 4 + counter.count(contentText(message.content) ?? '');
    if (message.tool_calls !== undefined)
      tokens += counter.count(JSON.stringify(message.tool_calls));
  }
  return tokens;
}

function outputTokens(counter: TokenCounter, output: unknown): number {
  return Array.isArray(output) ? messageTokens(counter, output) - 3 : 0;
}
