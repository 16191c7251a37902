import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../trainer/random/seeded-random.js';
import { generatePatternDocument, patternTasks } from './pattern-document.js';

describe('generatePatternDocument', () => {
  it('is seeded', () => {
    expect(generatePatternDocument(new SeededRandom(1))).toBe(
      generatePatternDocument(new SeededRandom(1)),
    );
  });

  it('writes 3 to 8 Input/Output pairs whose answers come from the input', () => {
    const instructions = new Set<string>(Object.values(patternTasks));
    const seenInstructions = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const lines = generatePatternDocument(new SeededRandom(seed)).split('\n');
      if (instructions.has(lines[0] as string)) seenInstructions.add(lines.shift() as string);
      expect(lines.length % 2).toBe(0);
      expect(lines.length / 2).toBeGreaterThanOrEqual(3);
      expect(lines.length / 2).toBeLessThanOrEqual(8);
      for (let i = 0; i < lines.length; i += 2) {
        const input = lines[i] as string;
        const output = lines[i + 1] as string;
        expect(input).toMatch(/^Input: [A-Z].*\.$/);
        expect(output).toMatch(/^Output: [A-Za-z]+$/);
        expect(input).toContain(output.slice('Output: '.length));
      }
    }
    expect(seenInstructions).toEqual(instructions);
  });
});
