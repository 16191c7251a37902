import { describe, expect, it } from 'vitest';
import { unenforcedSchemaKeywords } from './unenforced-schema-keywords.js';

describe('unenforcedSchemaKeywords', () => {
  it('finds nothing in a schema the grammar can express', () => {
    expect(
      unenforcedSchemaKeywords({
        type: 'object',
        properties: { label: { type: 'string', enum: ['a', 'b'] }, pattern: { type: 'string' } },
        required: ['label'],
        additionalProperties: false,
      }),
    ).toEqual([]);
  });

  it('names unenforced keywords at any depth, once each, sorted', () => {
    expect(
      unenforcedSchemaKeywords({
        type: 'object',
        properties: {
          code: { type: 'string', pattern: '^[a-z]+$' },
          scores: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 } },
          other: { anyOf: [{ type: 'string', pattern: 'x' }, { type: 'null' }] },
        },
        $defs: { id: { type: 'integer', multipleOf: 2 } },
      }),
    ).toEqual(['maximum', 'minimum', 'multipleOf', 'pattern']);
  });

  it('does not read enum or const values as keywords', () => {
    expect(unenforcedSchemaKeywords({ const: { pattern: 1 }, enum: [{ minimum: 2 }] })).toEqual([]);
  });
});
