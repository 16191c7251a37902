import { createOllama } from 'ollama-ai-provider-v2';
import type { LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { AiSdkLanguageModel } from './ai-sdk-language-model.js';
import type { ProviderContext } from './provider-context.js';
import { readApiKey } from './read-api-key.js';
import { createRedactor } from './redact-secrets.js';
import { ollamaSamplingMapper } from './sampling-mapper.js';

export const defaultOllamaBaseURL = 'http://127.0.0.1:11434/api';

/**
 * `ollama:MODEL` through Ollama's native `/api/chat`. Its `/api/generate` path in the AI SDK
 * provider drops most sampling options, so raw completions go through `openai-compatible:`
 * pointed at Ollama's `/v1` instead.
 */
export function createOllamaModel(context: ProviderContext): LanguageModel {
  const { settings, reference, model } = context;
  if (settings.mode === 'completion') {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${reference}: use openai-compatible:${model} with baseURL http://127.0.0.1:11434/v1 for completion mode`,
    );
  }
  // Ollama needs no key; one is sent only when a proxy in front of it asks for it.
  const key =
    settings.apiKeyEnv === undefined
      ? undefined
      : readApiKey(context.env, settings.apiKeyEnv, reference);
  const headers = {
    ...settings.headers,
    ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
  };
  const provider = createOllama({
    baseURL: settings.baseURL ?? defaultOllamaBaseURL,
    headers,
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
  });
  return new AiSdkLanguageModel({
    reference,
    provider: 'ollama',
    modelId: model,
    chatModel: provider.chat(model),
    mapSampling: ollamaSamplingMapper,
    structuredOutput: {},
    redact: createRedactor(key === undefined ? [] : [key]),
  });
}
