import { describe, expect, it } from 'vitest';
import { toGrammarSchema } from './to-grammar-schema.js';

describe('toGrammarSchema', () => {
  it('turns anyOf into oneOf at any depth and leaves values alone', () => {
    expect(
      toGrammarSchema({
        type: 'object',
        properties: {
          note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          kind: { enum: [{ anyOf: 1 }] },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        note: { oneOf: [{ type: 'string' }, { type: 'null' }] },
        kind: { enum: [{ anyOf: 1 }] },
      },
    });
  });

  it('keeps anyOf beside an existing oneOf', () => {
    expect(toGrammarSchema({ oneOf: [1], anyOf: [2] })).toEqual({ oneOf: [1], anyOf: [2] });
  });
});
