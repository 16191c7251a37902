import type { ModelPrice } from './model-price.js';
import { referenceCandidates } from './reference-candidates.js';

/**
 * When the table was compiled. Prices are providers' published standard (non-batch, uncached)
 * list prices in US$ per 1M tokens, as last known to the maintainers on that date, not read
 * live. They change: check them, and override any entry in the task's `prices:` map (keyed by
 * the same `provider:model` reference), which always wins.
 */
export const PRICE_TABLE_REVIEWED = '2026-11-23';

/**
 * Keys are `provider:model` without a date suffix. `ft:` entries are the per-token inference
 * prices of a finetune of that base model; `training` sits on the base model you finetune.
 * Together and Fireworks serve LoRA finetunes at their base model's price; their `training`
 * figures are the LoRA supervised finetuning rates for that model size.
 */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'openai:gpt-4o': { input: 2.5, output: 10, training: 25 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6, training: 3 },
  'openai:gpt-4.1': { input: 2, output: 8, training: 25 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6, training: 5 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4, training: 1.5 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'openai:gpt-3.5-turbo': { input: 0.5, output: 1.5, training: 8 },
  'openai:ft:gpt-4o': { input: 3.75, output: 15 },
  'openai:ft:gpt-4o-mini': { input: 0.3, output: 1.2 },
  'openai:ft:gpt-4.1': { input: 3, output: 12 },
  'openai:ft:gpt-4.1-mini': { input: 0.8, output: 3.2 },
  'openai:ft:gpt-4.1-nano': { input: 0.2, output: 0.8 },
  'openai:ft:gpt-3.5-turbo': { input: 3, output: 6 },
  'anthropic:claude-opus-4': { input: 15, output: 75 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
  'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo': { input: 0.18, output: 0.18 },
  'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference': {
    input: 0.18,
    output: 0.18,
    training: 0.48,
  },
  'together:meta-llama/Llama-3.3-70B-Instruct-Turbo': { input: 0.88, output: 0.88 },
  'together:meta-llama/Meta-Llama-3.1-70B-Instruct-Reference': {
    input: 0.88,
    output: 0.88,
    training: 2.9,
  },
  'fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct': {
    input: 0.2,
    output: 0.2,
    training: 0.5,
  },
  'fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct': {
    input: 0.9,
    output: 0.9,
    training: 3,
  },
  'groq:llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
  'groq:llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
};

/** Providers that run on the user's machine or in tests: no per-token price. */
const FREE_PROVIDERS = new Set(['local', 'double', 'ollama']);
const FREE: ModelPrice = { input: 0, output: 0, training: 0 };

/**
 * The price of a model reference, or `undefined` when unknown (never a silent 0: an unknown
 * price must show as unknown in reports). Each step tries the task's overrides first, then the
 * table:
 *
 * 1. the exact reference;
 * 2. the reference without a date or `-latest` suffix (`openai:gpt-4o-mini-2024-07-18`,
 *    `anthropic:claude-sonnet-4-20250514`, `openai:gpt-3.5-turbo-0125` (MMDD),
 *    `anthropic:claude-3-5-haiku-latest`);
 * 3. for an OpenAI finetune `openai:ft:BASE:org:suffix:id`, the entry `openai:ft:BASE` (BASE
 *    without its date);
 * 4. `local:`, `double:` and `ollama:` models cost 0.
 */
export function lookupPrice(
  reference: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  for (const candidate of referenceCandidates(reference)) {
    const price = ownEntry(overrides, candidate) ?? ownEntry(PRICE_TABLE, candidate);
    if (price !== undefined) return price;
  }
  const provider = reference.slice(0, reference.indexOf(':'));
  return FREE_PROVIDERS.has(provider) ? FREE : undefined;
}

/** Own properties only, so a reference like `constructor` never finds Object.prototype. */
function ownEntry(
  table: Readonly<Record<string, ModelPrice>>,
  key: string,
): ModelPrice | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
