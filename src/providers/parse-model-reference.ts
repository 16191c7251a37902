import { TunegateError } from '../spec/tunegate-error.js';
import { knownProviders } from './known-providers.js';

export interface ModelReference {
  provider: string;
  model: string;
}

const providerNamePattern = /^[a-z][a-z0-9-]*$/;

/**
 * Splits `provider:model` on the first colon, so model ids may contain colons
 * (`ollama:llama3:8b`, `double:C:/rules.json`).
 */
export function parseModelReference(
  reference: string,
  providers: readonly string[] = knownProviders(),
): ModelReference {
  const known = `known providers: ${providers.join(', ')}`;
  const colon = reference.indexOf(':');
  if (colon <= 0) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `model reference "${reference}" must look like provider:model, e.g. openai:gpt-4o-mini (${known})`,
    );
  }
  const provider = reference.slice(0, colon);
  const model = reference.slice(colon + 1);
  if (!providerNamePattern.test(provider)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `model reference "${reference}" has an invalid provider name "${provider}" (lower-case letters, digits and dashes; ${known})`,
    );
  }
  if (!providers.includes(provider)) {
    throw new TunegateError(
      'UNKNOWN_PROVIDER',
      `unknown provider "${provider}" in model reference "${reference}" (${known})`,
    );
  }
  if (model.trim() === '') {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `model reference "${reference}" names no model after "${provider}:"`,
    );
  }
  return { provider, model };
}
