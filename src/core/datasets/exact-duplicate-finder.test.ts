import { describe, expect, it } from 'vitest';
import { ExactDuplicateFinder } from './exact-duplicate-finder.js';

describe('ExactDuplicateFinder', () => {
  it('reports every repeat with its first occurrence', () => {
    const finder = new ExactDuplicateFinder();
    ['a', 'b', 'a', 'c', 'b', 'a'].forEach((text, row) => {
      finder.add(row * 10, text);
    });
    expect(finder.find()).toEqual([
      { id: 20, of: 0 },
      { id: 40, of: 10 },
      { id: 50, of: 0 },
    ]);
  });

  it('tells apart texts that differ only in case or whitespace', () => {
    const finder = new ExactDuplicateFinder();
    finder.add(0, 'Hello');
    finder.add(1, 'hello');
    finder.add(2, 'Hello ');
    expect(finder.find()).toEqual([]);
  });
});
