import { referenceCandidates } from '../economics/reference-candidates.js';

/** When the table was compiled from the providers' model pages; a model's `contextWindow:` wins. */
export const CONTEXT_WINDOWS_REVIEWED = '2026-11-23';

/**
 * Tokens a hosted model's context holds (prompt plus answer), keyed like the price table:
 * `provider:model` without a date suffix. A finetune has its base model's window.
 */
export const CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
  'openai:gpt-4o': 128_000,
  'openai:gpt-4o-mini': 128_000,
  'openai:gpt-4.1': 1_047_576,
  'openai:gpt-4.1-mini': 1_047_576,
  'openai:gpt-4.1-nano': 1_047_576,
  'openai:o3': 200_000,
  'openai:o4-mini': 200_000,
  'openai:gpt-3.5-turbo': 16_385,
  'anthropic:claude-opus-4': 200_000,
  'anthropic:claude-opus-4-1': 200_000,
  'anthropic:claude-sonnet-4': 200_000,
  'anthropic:claude-sonnet-4-5': 200_000,
  'anthropic:claude-haiku-4-5': 200_000,
  'anthropic:claude-3-5-haiku': 200_000,
  'groq:llama-3.1-8b-instant': 131_072,
  'groq:llama-3.3-70b-versatile': 131_072,
};

/** The table's window for a reference (date suffixes ignored, finetunes as their base), or undefined. */
export function lookupContextWindow(reference: string): number | undefined {
  for (const candidate of referenceCandidates(reference)) {
    const key = candidate.replace(/^([a-z][a-z0-9-]*):ft:/, '$1:');
    if (Object.hasOwn(CONTEXT_WINDOWS, key)) return CONTEXT_WINDOWS[key];
  }
  return undefined;
}
