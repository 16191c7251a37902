import { Tiktoken } from 'js-tiktoken/lite';

export const tokenizerNames = ['o200k_base', 'cl100k_base', 'chars4'] as const;
export type TokenizerName = (typeof tokenizerNames)[number];

export interface TokenCounter {
  name: TokenizerName;
  /** True for a real tokenizer, false for the characters ÷ 4 estimate. */
  exact: boolean;
  count(text: string): number;
}

export function isTokenizerName(value: string): value is TokenizerName {
  return (tokenizerNames as readonly string[]).includes(value);
}

/** Characters ÷ 4, rounded up: the usual rule of thumb for English with OpenAI tokenizers. */
export const charactersPerFour: TokenCounter = {
  name: 'chars4',
  exact: false,
  count: (text) => Math.ceil(text.length / 4),
};

const loaded = new Map<TokenizerName, TokenCounter>();

/**
 * A token counter by name. The tiktoken vocabularies are loaded on first use only (o200k_base
 * is several megabytes); special-token text such as `<|endoftext|>` counts as ordinary text.
 */
export async function createTokenCounter(name: TokenizerName): Promise<TokenCounter> {
  if (name === 'chars4') return charactersPerFour;
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const ranks =
    name === 'o200k_base'
      ? (await import('js-tiktoken/ranks/o200k_base')).default
      : (await import('js-tiktoken/ranks/cl100k_base')).default;
  const encoder = new Tiktoken(ranks);
  const counter: TokenCounter = {
    name,
    exact: true,
    count: (text) => encoder.encode(text, [], []).length,
  };
  loaded.set(name, counter);
  return counter;
}

/**
 * Tokens of one example: its text, plus for chat rows 4 tokens of framing per message and 3
 * to prime the reply (OpenAI's counting recipe, with the role counted as one token).
 */
export function exampleTokens(counter: TokenCounter, text: string, messageCount: number): number {
  const framing = messageCount > 0 ? messageCount * 4 + 3 : 0;
  return counter.count(text) + framing;
}
