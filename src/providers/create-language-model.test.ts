import { describe, expect, it } from 'vitest';
// Type-only, and only in a test: proves the task schema's model config fits ModelSettings.
import type { ModelConfig } from '../core/task/task-schema.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { createLanguageModel } from './create-language-model.js';
import { knownProviders } from './known-providers.js';
import type { ModelSettings } from './model-settings.js';

describe('createLanguageModel', () => {
  it('builds every known provider', () => {
    const env = {
      OPENAI_API_KEY: 'k',
      ANTHROPIC_API_KEY: 'k',
      TOGETHER_API_KEY: 'k',
      FIREWORKS_API_KEY: 'k',
      GROQ_API_KEY: 'k',
    };
    for (const provider of knownProviders()) {
      const model = provider === 'double' ? 'echo' : 'some-model';
      const built = createLanguageModel(
        { ref: `${provider}:${model}`, baseURL: 'http://127.0.0.1:9/v1' },
        { env },
      );
      expect(built.reference).toBe(`${provider}:${model}`);
      expect(built.modelId).toBe(model);
      expect(built.provider).toBe(provider);
    }
  });

  it('reports which mode each provider offers', () => {
    const env = { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' };
    const modes = (ref: string, extra: Partial<ModelSettings> = {}) =>
      createLanguageModel({ ref, baseURL: 'http://127.0.0.1:9/v1', ...extra }, { env })
        .supportsCompletionMode;
    expect(modes('openai:m')).toBe(true);
    expect(modes('openai-compatible:m')).toBe(true);
    expect(modes('anthropic:m')).toBe(false);
    expect(modes('ollama:m')).toBe(false);
    expect(modes('double:echo')).toBe(true);
    expect(modes('openai:m', { mode: 'chat' })).toBe(false);
  });

  it('rejects unknown providers with UNKNOWN_PROVIDER', () => {
    try {
      createLanguageModel({ ref: 'cohere:command' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TunegateError);
      expect((error as TunegateError).code).toBe('UNKNOWN_PROVIDER');
    }
  });

  it('accepts a task model config as it comes from the schema', () => {
    const config: ModelConfig = {
      ref: 'double:echo',
      concurrency: 2,
      baseURL: undefined,
      apiKeyEnv: undefined,
    };
    expect(createLanguageModel(config).reference).toBe('double:echo');
  });
});
