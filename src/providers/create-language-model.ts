import type { LanguageModel } from '../spec/language-model.js';
import { createAnthropicModel } from './anthropic-provider.js';
import { createDoubleModel } from './double-provider.js';
import { createLocalModel } from './local/local-provider.js';
import type { ModelSettings } from './model-settings.js';
import { createOllamaModel } from './ollama-provider.js';
import { createOpenAICompatibleModel } from './openai-compatible-provider.js';
import { createOpenAIModel } from './openai-provider.js';
import { parseModelReference } from './parse-model-reference.js';
import type { ProviderContext } from './provider-context.js';

export interface CreateLanguageModelOptions {
  /** Where keys are read from, once, at construction; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Replaces the global fetch for every HTTP call (tests, proxies). */
  fetch?: typeof fetch;
  /** Resolves relative paths such as `double:rules.json`; defaults to the working directory. */
  baseDirectory?: string;
}

const factories: Record<string, (context: ProviderContext) => LanguageModel> = {
  openai: createOpenAIModel,
  anthropic: createAnthropicModel,
  ollama: createOllamaModel,
  'openai-compatible': (context) => createOpenAICompatibleModel('openai-compatible', context),
  together: (context) => createOpenAICompatibleModel('together', context),
  fireworks: (context) => createOpenAICompatibleModel('fireworks', context),
  groq: (context) => createOpenAICompatibleModel('groq', context),
  double: createDoubleModel,
  local: createLocalModel,
};

/** Builds the `LanguageModel` a model config names. Throws TunegateError on bad config or a missing key. */
export function createLanguageModel(
  settings: ModelSettings,
  options: CreateLanguageModelOptions = {},
): LanguageModel {
  const { provider, model } = parseModelReference(settings.ref, Object.keys(factories));
  const factory = factories[provider];
  if (factory === undefined) throw new Error(`unreachable: no factory for ${provider}`);
  return factory({
    reference: settings.ref,
    model,
    settings,
    env: options.env ?? process.env,
    fetch: options.fetch,
    baseDirectory: options.baseDirectory,
  });
}
