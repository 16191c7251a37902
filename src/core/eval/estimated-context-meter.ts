import type { ContextMeter } from '../../spec/context-meter.js';
import type { Prompt } from '../../spec/prompt.js';
import { createTokenCounter, type TokenizerName } from '../datasets/token-counter.js';
import type { ModelConfig } from '../task/task-schema.js';
import { lookupContextWindow } from './context-windows.js';

/** A hosted model's context window: its `contextWindow:`, else the table's; undefined if unknown. */
export function hostedContextWindow(config: ModelConfig): number | undefined {
  return config.contextWindow ?? lookupContextWindow(config.ref);
}

/**
 * Counts a hosted model's tokens: OpenAI's tokenizers for OpenAI models, four characters a
 * token for the rest. Hosted APIs refuse a call whose prompt plus maxTokens exceed the window.
 */
export async function estimatedContextMeter(
  config: ModelConfig,
  contextSize: number,
): Promise<ContextMeter> {
  const counter = await createTokenCounter(tokenizerFor(config.ref));
  return hostedMeter(
    contextSize,
    counter.exact
      ? `estimated with js-tiktoken ${counter.name}`
      : 'estimated at 4 characters a token',
    counter.count,
  );
}

/**
 * An upper bound on any of those counts (a token is at least one byte, and 4 characters a
 * token never exceeds the byte length), free to compute: when nothing comes near the window
 * by this bound, the tokenizer need not be loaded at all.
 */
export function byteBoundMeter(contextSize: number): ContextMeter {
  return hostedMeter(
    contextSize,
    'bounded by UTF-8 length (a token is at least one byte)',
    (text) => Buffer.byteLength(text, 'utf8'),
  );
}

function hostedMeter(
  contextSize: number,
  method: string,
  count: (text: string) => number,
): ContextMeter {
  return {
    contextSize,
    method,
    exact: false,
    maxTokensBeyondRoom: 'rejected',
    promptTokens: (prompt: Prompt) =>
      prompt.mode === 'completion'
        ? count(prompt.text)
        : // OpenAI's counting recipe: 4 tokens of framing per message, 3 to prime the reply.
          prompt.messages.reduce((sum, message) => sum + count(message.content) + 4, 3),
    answerTokens: count,
  };
}

/** o200k_base for current OpenAI models, cl100k_base for GPT-3.5 and GPT-4, else characters ÷ 4. */
function tokenizerFor(reference: string): TokenizerName {
  if (!reference.startsWith('openai:')) return 'chars4';
  const model = reference.replace(/^openai:(?:ft:)?/, '');
  return /^gpt-(?:3\.5|4(?![o.]))/.test(model) ? 'cl100k_base' : 'o200k_base';
}
