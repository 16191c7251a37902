import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleIndices, seededRandom } from '../random/seeded-random.js';
import { selfBleu } from './self-bleu.js';
import { tokenizeWords } from './tokenize-words.js';

/** The textbook quadratic definition (NLTK sentence_bleu, method1), written independently. */
function naiveSelfBleu(outputs: string[], maxN: number): number {
  const tokens = outputs.map(tokenizeWords);
  const grams = (sequence: string[], n: number): Map<string, number> => {
    const counts = new Map<string, number>();
    for (let start = 0; start + n <= sequence.length; start += 1) {
      const key = sequence.slice(start, start + n).join('\u0001');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  let sum = 0;
  tokens.forEach((hypothesis, index) => {
    const references = tokens.filter((_, other) => other !== index);
    let logSum = 0;
    let unigramMatches = 0;
    for (let n = 1; n <= maxN; n += 1) {
      let matches = 0;
      for (const [gram, count] of grams(hypothesis, n)) {
        const best = Math.max(...references.map((reference) => grams(reference, n).get(gram) ?? 0));
        matches += Math.min(count, best);
      }
      const denominator = Math.max(1, hypothesis.length - n + 1);
      logSum += Math.log(matches > 0 ? matches / denominator : 0.1 / denominator);
      if (n === 1) unigramMatches = matches;
    }
    if (unigramMatches === 0) return;
    const lengths = references.map((reference) => reference.length);
    const closest = lengths.reduce((best, length) => {
      const distance = Math.abs(length - hypothesis.length);
      const bestDistance = Math.abs(best - hypothesis.length);
      return distance < bestDistance || (distance === bestDistance && length < best)
        ? length
        : best;
    });
    const brevity = hypothesis.length > closest ? 1 : Math.exp(1 - closest / hypothesis.length);
    sum += brevity * Math.exp(logSum / maxN);
  });
  return sum / outputs.length;
}

describe('selfBleu', () => {
  it('matches a hand-computed three-output fixture', () => {
    // A = the cat sat on the mat (6), B = the cat sat (3), C = a dog ran (3).
    // A vs {B, C}: p1 = 3/6 ("the" clipped to 1), p2 = 2/5, p3 = 1/4; closest ref 3 < 6 → BP 1;
    //   BLEU = (1/2 · 2/5 · 1/4)^(1/3) = (1/20)^(1/3) = 0.368403.
    // B vs {A, C}: p1 = p2 = p3 = 1; closest ref 3 = 3 → BP exp(0) = 1; BLEU = 1.
    // C vs {A, B}: no unigram matches → 0.
    // Mean = (0.368403 + 1 + 0)/3 = 0.456134.
    const result = selfBleu(['The cat sat on the mat.', 'The cat sat.', 'A dog ran.']);
    expect(result?.value).toBeCloseTo(((1 / 20) ** (1 / 3) + 1) / 3, 14);
    expect(result?.sampleSize).toBe(3);
    expect(result?.total).toBe(3);
  });

  it('smooths zero precisions with epsilon 0.1 and applies the brevity penalty', () => {
    // X = red fox jumps high (4), Y = red fox sleeps (3).
    // X vs Y: p1 = 2/4, p2 = 1/3, p3 = 0 → 0.1/2; BP 1 (4 > 3); (1/2·1/3·1/20)^(1/3) = 0.202740.
    // Y vs X: p1 = 2/3, p2 = 1/2, p3 = 0 → 0.1/1; BP exp(1 − 4/3);
    //   exp(−1/3) · (1/30)^(1/3) = 0.230601. Mean 0.216671.
    const expected = ((1 / 120) ** (1 / 3) + Math.exp(-1 / 3) * (1 / 30) ** (1 / 3)) / 2;
    expect(selfBleu(['red fox jumps high', 'red fox sleeps'])?.value).toBeCloseTo(expected, 14);
  });

  it('clips by the largest count among the OTHER outputs and breaks length ties to the shorter', () => {
    // P = the×4, Q = the the dog, R = the cat.
    // P: "the" max over others is 2 (Q) → p1 = 2/4; "the the" ×3 vs 1 → 1/3; "the the the" ×2
    //   vs 0 → 0.1/2; ref lengths 3, 2 → 3 < 4, BP 1 → (1/120)^(1/3).
    // Q: p1 = 2/3, p2 = 1/2 ("the the" yes, "the dog" no), p3 = 0.1/1; ref lengths 4 and 2 are
    //   both 1 away → shorter 2 < 3 → BP 1 → (1/30)^(1/3).
    // R: p1 = 1/2, p2 = 0.1/1, p3 = 0.1/max(1, 0); closest ref 3 ≥ 2 → BP exp(1 − 3/2)
    //   → exp(−0.5) · (0.005)^(1/3).
    const expected =
      ((1 / 120) ** (1 / 3) + (1 / 30) ** (1 / 3) + Math.exp(-0.5) * 0.005 ** (1 / 3)) / 3;
    expect(selfBleu(['the the the the', 'the the dog', 'the cat'])?.value).toBeCloseTo(
      expected,
      14,
    );
  });

  it('is 1 for identical outputs of at least maxN tokens', () => {
    expect(selfBleu(['a b c', 'a b c'])?.value).toBe(1);
    expect(selfBleu(['один два три четыре', 'Один два три четыре'])?.value).toBe(1);
  });

  it('penalises orders a short output cannot have, as NLTK does', () => {
    // One identical token each: p1 = 1, p2 = p3 = 0.1/1 → 0.01^(1/3) = 0.215443.
    expect(selfBleu(['yes', 'yes'])?.value).toBeCloseTo(0.01 ** (1 / 3), 15);
    expect(selfBleu(['yes', 'yes'], { maxN: 1 })?.value).toBe(1);
  });

  it('scores CJK outputs per character', () => {
    // 我 爱 你 vs 我 爱 他: p1 = 2/3, p2 = 1/2, p3 = 0.1; BP 1 → (1/30)^(1/3) for both.
    expect(selfBleu(['我爱你', '我爱他'])?.value).toBeCloseTo((1 / 30) ** (1 / 3), 14);
  });

  it('gives 0 for empty outputs and undefined below 2 outputs', () => {
    expect(selfBleu(['', ''])?.value).toBe(0);
    expect(selfBleu(['only one'])).toBeUndefined();
    expect(selfBleu([])).toBeUndefined();
  });

  it('scores a seeded sample above the cap and says so', () => {
    const outputs = Array.from({ length: 10 }, (_, index) => `w${index % 3} w${index % 4} x`);
    const result = selfBleu(outputs, { cap: 4, seed: 7 });
    const picked = sampleIndices(seededRandom(7), 10, 4).map((index) => outputs[index] as string);
    expect(result?.value).toBeCloseTo(naiveSelfBleu(picked, 3), 12);
    expect(result?.sampleSize).toBe(4);
    expect(result?.total).toBe(10);
    expect(selfBleu(outputs, { cap: 4, seed: 7 })).toEqual(result);
    expect(() => selfBleu(outputs, { cap: 1 })).toThrow(RangeError);
  });

  const word = fc.constantFrom('a', 'b', 'c', 'd', 'кот', '猫');
  const output = fc.array(word, { maxLength: 9 }).map((words) => words.join(' '));

  it('equals the quadratic definition on random outputs', () => {
    fc.assert(
      fc.property(
        fc.array(output, { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 1, max: 4 }),
        (outputs, maxN) => {
          const fast = selfBleu(outputs, { maxN })?.value as number;
          expect(Math.abs(fast - naiveSelfBleu(outputs, maxN))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is 1 whenever every output is the same text of at least maxN tokens', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 2, max: 6 }),
        (words, copies) => {
          const text = words.join(' ');
          expect(selfBleu(Array(copies).fill(text))?.value).toBeCloseTo(1, 14);
        },
      ),
    );
  });
});
