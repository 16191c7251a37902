import { describe, expect, it } from 'vitest';
import { canonicalJson, normalizeOutput } from './normalize-output.js';

describe('normalizeOutput', () => {
  it('trims, lower-cases and collapses whitespace runs to one space', () => {
    expect(normalizeOutput('  Hello\n\tWORLD  ')).toBe('hello world');
    expect(normalizeOutput('a\u00a0\u00a0b')).toBe('a b');
    expect(normalizeOutput('')).toBe('');
  });

  it('case-folds non-Latin text', () => {
    expect(normalizeOutput('  ПРИВЕТ   Мир ')).toBe('привет мир');
    expect(normalizeOutput('ΣΊΣΥΦΟΣ')).toBe('σίσυφος');
  });

  it('re-serialises parseable JSON with sorted keys and no whitespace', () => {
    const output = '{ "b": 1, "a": [ {"d": 2, "c": 3} ] }';
    expect(normalizeOutput(output, { json: true })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('keeps the case of JSON string values', () => {
    expect(normalizeOutput('{"Name": "Ada"}', { json: true })).toBe('{"Name":"Ada"}');
  });

  it('falls back to text normalisation when the JSON does not parse', () => {
    expect(normalizeOutput('```json\n{"A": 1}\n```', { json: true })).toBe('```json {"a": 1} ```');
  });

  it('does not parse JSON unless asked', () => {
    expect(normalizeOutput('{"b":1, "a":2}')).toBe('{"b":1, "a":2}');
  });
});

describe('canonicalJson', () => {
  it('spells equal values one way', () => {
    expect(canonicalJson({ z: [1, 'x', null, true], a: { y: 1.5, b: {} } })).toBe(
      '{"a":{"b":{},"y":1.5},"z":[1,"x",null,true]}',
    );
  });
});
