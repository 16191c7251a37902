import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { AiSdkLanguageModel } from './ai-sdk-language-model.js';
import type { ProviderContext } from './provider-context.js';
import { RawCompletionFetch } from './raw-completion-fetch.js';
import { readApiKey } from './read-api-key.js';
import { createRedactor } from './redact-secrets.js';

/** A hosted OpenAI-compatible service reachable by a shorthand prefix. */
interface HostedService {
  baseURL: string;
  apiKeyEnv: string;
  hasCompletions: boolean;
}

export const hostedServices: Record<string, HostedService> = {
  together: {
    baseURL: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    hasCompletions: true,
  },
  fireworks: {
    baseURL: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    hasCompletions: true,
  },
  groq: {
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    hasCompletions: false,
  },
};

/**
 * `openai-compatible:MODEL` (baseURL required, key optional via apiKeyEnv) and the hosted
 * shorthands `together:`, `fireworks:`, `groq:` (known base URL, key required).
 */
export function createOpenAICompatibleModel(name: string, context: ProviderContext): LanguageModel {
  const { settings, reference, model } = context;
  const hosted = hostedServices[name];
  const baseURL = settings.baseURL ?? hosted?.baseURL;
  if (baseURL === undefined) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${reference} needs a baseURL (e.g. http://127.0.0.1:8000/v1) in its model config`,
    );
  }
  const keyVariable = settings.apiKeyEnv ?? hosted?.apiKeyEnv;
  const key =
    keyVariable === undefined ? undefined : readApiKey(context.env, keyVariable, reference);
  const rawFetch = new RawCompletionFetch(context.fetch);
  const provider = createOpenAICompatible({
    name,
    baseURL,
    fetch: rawFetch.fetch,
    ...(key === undefined ? {} : { apiKey: () => key }),
    ...(settings.headers === undefined ? {} : { headers: settings.headers }),
  });
  const hasCompletions = hosted?.hasCompletions ?? true;
  if (settings.mode === 'completion' && !hasCompletions) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${reference}: ${name} has no completion endpoint; use chat mode`,
    );
  }
  return new AiSdkLanguageModel({
    reference,
    provider: name,
    modelId: model,
    chatModel: settings.mode === 'completion' ? undefined : provider.chatModel(model),
    completion:
      settings.mode === 'chat' || !hasCompletions
        ? undefined
        : { model: provider.completionModel(model), rawFetch },
    structuredOutput: {},
    redact: createRedactor(key === undefined ? [] : [key]),
  });
}
