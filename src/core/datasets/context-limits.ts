/**
 * Longest training example (tokens) per finetunable model, as published by the providers;
 * `--context-limit` overrides. Examples over the limit are truncated or rejected.
 */
export const trainingContextLimits: Readonly<Record<string, number>> = {
  'openai:gpt-4o': 65_536,
  'openai:gpt-4o-mini': 65_536,
  'openai:gpt-4.1': 65_536,
  'openai:gpt-4.1-mini': 65_536,
  'openai:gpt-4.1-nano': 65_536,
  'openai:gpt-3.5-turbo': 16_385,
};

export const defaultContextModel = 'openai:gpt-4o-mini';

/** The limit for a `provider:model` reference (date suffixes ignored), or undefined. */
export function contextLimitOf(model: string): number | undefined {
  const base = model.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{4})$/, '');
  return Object.hasOwn(trainingContextLimits, base) ? trainingContextLimits[base] : undefined;
}
