import { createAnthropic } from '@ai-sdk/anthropic';
import type { LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { AiSdkLanguageModel } from './ai-sdk-language-model.js';
import type { ProviderContext } from './provider-context.js';
import { readApiKey } from './read-api-key.js';
import { createRedactor } from './redact-secrets.js';

/** `anthropic:MODEL`: the Messages API; Anthropic has no legacy completion endpoint. */
export function createAnthropicModel(context: ProviderContext): LanguageModel {
  const { settings, reference, model } = context;
  if (settings.mode === 'completion') {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${reference}: Anthropic has no completion endpoint; use chat mode (or an openai-compatible server for raw completions)`,
    );
  }
  const key = readApiKey(context.env, settings.apiKeyEnv ?? 'ANTHROPIC_API_KEY', reference);
  const provider = createAnthropic({
    apiKey: key,
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    ...(settings.headers === undefined ? {} : { headers: settings.headers }),
  });
  return new AiSdkLanguageModel({
    reference,
    provider: 'anthropic',
    modelId: model,
    chatModel: provider.messages(model),
    structuredOutput: {},
    redact: createRedactor([key]),
  });
}
