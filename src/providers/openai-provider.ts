import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from '../spec/language-model.js';
import { AiSdkLanguageModel } from './ai-sdk-language-model.js';
import { isStrictJsonSchema } from './is-strict-json-schema.js';
import type { ProviderContext } from './provider-context.js';
import { RawCompletionFetch } from './raw-completion-fetch.js';
import { readApiKey } from './read-api-key.js';
import { createRedactor } from './redact-secrets.js';

/** `openai:MODEL`: chat via `/chat/completions`, legacy completion via `/completions`. */
export function createOpenAIModel(context: ProviderContext): LanguageModel {
  const { settings, reference, model } = context;
  const key = readApiKey(context.env, settings.apiKeyEnv ?? 'OPENAI_API_KEY', reference);
  const rawFetch = new RawCompletionFetch(context.fetch);
  const provider = createOpenAI({
    apiKey: () => key,
    fetch: rawFetch.fetch,
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    ...(settings.headers === undefined ? {} : { headers: settings.headers }),
  });
  return new AiSdkLanguageModel({
    reference,
    provider: 'openai',
    modelId: model,
    chatModel: settings.mode === 'completion' ? undefined : provider.chat(model),
    completion:
      settings.mode === 'chat' ? undefined : { model: provider.completion(model), rawFetch },
    structuredOutput: {
      // Strict mode rejects schemas that leave properties open; send those as guidance.
      providerOptions: (schema) => ({ openai: { strictJsonSchema: isStrictJsonSchema(schema) } }),
    },
    redact: createRedactor([key]),
  });
}
