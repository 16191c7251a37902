import { describe, expect, it } from 'vitest';
import { tokenize, wordDiff } from './word-diff.js';

const side = (parts: { kind: string; text: string }[], keep: string) =>
  parts
    .filter((part) => part.kind === 'same' || part.kind === keep)
    .map((part) => part.text)
    .join('');

describe('wordDiff', () => {
  it('marks a replaced word between shared ones', () => {
    expect(wordDiff('the cat sat', 'the dog sat')).toEqual([
      { kind: 'same', text: 'the ' },
      { kind: 'removed', text: 'cat' },
      { kind: 'added', text: 'dog' },
      { kind: 'same', text: ' sat' },
    ]);
  });

  it('gives identical texts as one unchanged part, and empty texts as nothing', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ kind: 'same', text: 'same words' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
  });

  it('rebuilds both texts from its parts', () => {
    const before = 'Answer with exactly one word:  correct or incorrect.\nNothing else.';
    const after = 'Reply with one lower-case word: correct or incorrect. Nothing else!';
    const parts = wordDiff(before, after);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
  });

  it('keeps whitespace as tokens', () => {
    expect(tokenize('a  b\nc')).toEqual(['a', '  ', 'b', '\n', 'c']);
  });
});
