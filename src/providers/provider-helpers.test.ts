import { describe, expect, it } from 'vitest';
import { countWhitespaceTokens } from './count-whitespace-tokens.js';
import { estimateTokens } from './estimate-tokens.js';
import { isRetryableStatus } from './is-retryable-status.js';
import { isStrictJsonSchema } from './is-strict-json-schema.js';
import { createRedactor } from './redact-secrets.js';

describe('small provider helpers', () => {
  it('counts whitespace-separated tokens', () => {
    expect(countWhitespaceTokens('')).toBe(0);
    expect(countWhitespaceTokens('   ')).toBe(0);
    expect(countWhitespaceTokens(' one  two\tthree\nfour ')).toBe(4);
  });

  it('estimates four characters per token, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('retries rate limits, timeouts, conflicts and server faults only', () => {
    expect([408, 409, 429, 500, 503, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it('tells strict-compatible schemas from open ones', () => {
    const closed = {
      type: 'object',
      properties: {
        label: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { a: { type: 'number' } },
            required: ['a'],
            additionalProperties: false,
          },
        },
      },
      required: ['label', 'items'],
      additionalProperties: false,
    };
    expect(isStrictJsonSchema(closed)).toBe(true);
    expect(isStrictJsonSchema({ ...closed, required: ['label'] })).toBe(false);
    expect(isStrictJsonSchema({ ...closed, additionalProperties: true })).toBe(false);
    expect(isStrictJsonSchema({ type: 'object' })).toBe(false);
    const openNested = structuredClone(closed);
    openNested.properties.items.items.additionalProperties = true;
    expect(isStrictJsonSchema(openNested)).toBe(false);
  });

  it('redacts given secrets and key-shaped strings', () => {
    const redact = createRedactor(['hunter2-secret']);
    expect(redact('bad key hunter2-secret here')).toBe('bad key [redacted] here');
    expect(redact('Incorrect API key provided: sk-proj-abcdefghijkl')).toBe(
      'Incorrect API key provided: [redacted]',
    );
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });
});
