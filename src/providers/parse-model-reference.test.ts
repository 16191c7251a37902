import { describe, expect, it } from 'vitest';
import { TunegateError } from '../spec/tunegate-error.js';
import { knownProviders } from './known-providers.js';
import { parseModelReference } from './parse-model-reference.js';

function thrown(reference: string): TunegateError {
  try {
    parseModelReference(reference);
  } catch (error) {
    if (error instanceof TunegateError) return error;
    throw error;
  }
  throw new Error('expected a TunegateError');
}

describe('parseModelReference', () => {
  it('splits on the first colon only', () => {
    expect(parseModelReference('openai:gpt-4o-mini')).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(parseModelReference('ollama:llama3.2:1b')).toEqual({
      provider: 'ollama',
      model: 'llama3.2:1b',
    });
    expect(parseModelReference('double:C:/rules.json')).toEqual({
      provider: 'double',
      model: 'C:/rules.json',
    });
  });

  it('rejects a reference without a provider', () => {
    const error = thrown('gpt-4o');
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('provider:model');
    expect(error.message).toContain('openai, anthropic');
    expect(thrown(':gpt-4o').code).toBe('INVALID_ARGUMENT');
  });

  it('rejects an unknown provider, listing the known ones', () => {
    const error = thrown('mistral:large');
    expect(error.code).toBe('UNKNOWN_PROVIDER');
    expect(error.message).toContain('"mistral"');
    for (const provider of knownProviders()) expect(error.message).toContain(provider);
  });

  it('rejects an empty model and a malformed provider name', () => {
    expect(thrown('openai:').message).toContain('names no model');
    expect(thrown('openai:  ').code).toBe('INVALID_ARGUMENT');
    expect(thrown('Open AI:gpt').message).toContain('invalid provider name');
  });

  it('accepts a caller-supplied provider list', () => {
    expect(parseModelReference('local:model.gguf', ['local'])).toEqual({
      provider: 'local',
      model: 'model.gguf',
    });
  });
});
