import { describe, expect, it } from 'vitest';
import { splitJsonArray } from './json-array-splitter.js';

describe('splitJsonArray', () => {
  it('splits elements with their start and end lines', () => {
    const text = '[\n  {"a": 1},\n  {\n    "b": [1, 2]\n  },\n  "x"\n]\n';
    const { elements, problem } = splitJsonArray(text);
    expect(problem).toBeUndefined();
    expect(elements).toEqual([
      { text: '{"a": 1}', line: 2, endLine: 2 },
      { text: '{\n    "b": [1, 2]\n  }', line: 3, endLine: 5 },
      { text: '"x"', line: 6, endLine: 6 },
    ]);
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    const { elements } = splitJsonArray('[{"t": "a, ] } \\" ["}, 2]');
    expect(elements.map((element) => element.text)).toEqual(['{"t": "a, ] } \\" ["}', '2']);
  });

  it('handles an empty array and a byte-order mark', () => {
    expect(splitJsonArray('\uFEFF [ ] ')).toEqual({ elements: [] });
  });

  it('reports an unclosed array and trailing text with their lines', () => {
    expect(splitJsonArray('[1,\n2').problem).toEqual({
      line: 2,
      message: 'the JSON array is not closed with "]"',
    });
    expect(splitJsonArray('[1]\n\nextra').problem).toEqual({
      line: 3,
      message: 'unexpected text after the JSON array',
    });
  });

  it('leaves a broken element for JSON.parse to judge', () => {
    const { elements } = splitJsonArray('[{"a": }, {"b": 2}]');
    expect(elements.map((element) => element.text)).toEqual(['{"a": }', '{"b": 2}']);
  });
});
