import { describe, expect, it } from 'vitest';
import { lookupPrice, PRICE_TABLE } from './price-table.js';

describe('lookupPrice', () => {
  it('finds an exact reference', () => {
    expect(lookupPrice('openai:gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6, training: 3 });
    expect(lookupPrice('anthropic:claude-haiku-4-5')).toEqual({ input: 1, output: 5 });
  });

  it('drops a date or -latest suffix', () => {
    expect(lookupPrice('openai:gpt-4o-mini-2024-07-18')).toBe(PRICE_TABLE['openai:gpt-4o-mini']);
    expect(lookupPrice('anthropic:claude-sonnet-4-20250514')).toBe(
      PRICE_TABLE['anthropic:claude-sonnet-4'],
    );
    expect(lookupPrice('anthropic:claude-3-5-haiku-latest')).toBe(
      PRICE_TABLE['anthropic:claude-3-5-haiku'],
    );
  });

  it('prices an OpenAI finetune from its base model', () => {
    expect(lookupPrice('openai:ft:gpt-4o-mini-2024-07-18:acme::9xYz')).toEqual({
      input: 0.3,
      output: 1.2,
    });
    expect(lookupPrice('openai:ft:gpt-4.1-nano-2025-04-14:acme:tickets:abc')).toEqual({
      input: 0.2,
      output: 0.8,
    });
    // OpenAI's older MMDD date suffix.
    expect(lookupPrice('openai:ft:gpt-3.5-turbo-0125:acme::x')).toEqual({ input: 3, output: 6 });
    expect(lookupPrice('openai:gpt-3.5-turbo-1106')).toEqual({
      input: 0.5,
      output: 1.5,
      training: 8,
    });
    // A finetune of a base the table lacks stays unknown.
    expect(lookupPrice('openai:ft:davinci-002:acme::x')).toBeUndefined();
  });

  it('lets the task override any step', () => {
    const overrides = {
      'openai:gpt-4o-mini': { input: 1, output: 2 },
      'openai:ft:gpt-4o-mini': { input: 5, output: 6 },
      'openai-compatible:house-model': { input: 0.01, output: 0.02 },
    };
    expect(lookupPrice('openai:gpt-4o-mini-2024-07-18', overrides)).toEqual({
      input: 1,
      output: 2,
    });
    expect(lookupPrice('openai:ft:gpt-4o-mini:acme::1', overrides)).toEqual({
      input: 5,
      output: 6,
    });
    expect(lookupPrice('openai-compatible:house-model', overrides)?.input).toBe(0.01);
    expect(
      lookupPrice('ollama:llama3.2', { 'ollama:llama3.2': { input: 9, output: 9 } })?.input,
    ).toBe(9);
  });

  it('prices local, double and ollama models at 0', () => {
    for (const reference of ['local:./model.gguf', 'double:echo', 'ollama:llama3.2']) {
      expect(lookupPrice(reference)).toEqual({ input: 0, output: 0, training: 0 });
    }
  });

  it('leaves unknown models unknown rather than free', () => {
    expect(lookupPrice('openai:gpt-9')).toBeUndefined();
    expect(lookupPrice('anthropic:constructor')).toBeUndefined();
    expect(lookupPrice('openai-compatible:mystery')).toBeUndefined();
  });

  it('lists input, output and training prices that make sense', () => {
    for (const [reference, price] of Object.entries(PRICE_TABLE)) {
      expect(reference).toMatch(/^[a-z][a-z0-9-]*:.+$/);
      expect(price.input).toBeGreaterThan(0);
      expect(price.output).toBeGreaterThanOrEqual(price.input);
      if (price.training !== undefined) expect(price.training).toBeGreaterThan(0);
    }
  });
});
