import { describe, expect, it } from 'vitest';
import { extractJsonObject } from './extract-json-object.js';

describe('extractJsonObject', () => {
  it('finds an object inside prose, skipping non-JSON braces', () => {
    expect(extractJsonObject('I think {this} is it: {"a": {"b": "}"}} done')).toEqual({
      a: { b: '}' },
    });
  });

  it('handles escaped quotes and fences', () => {
    expect(extractJsonObject('```json\n{"r": "say \\"hi\\" {", "s": 1}\n```')).toEqual({
      r: 'say "hi" {',
      s: 1,
    });
  });

  it('returns undefined without an object', () => {
    expect(extractJsonObject('score: 0.5')).toBeUndefined();
    expect(extractJsonObject('{"unclosed": 1')).toBeUndefined();
    expect(extractJsonObject('')).toBeUndefined();
  });
});
