import { describe, expect, it } from 'vitest';
import { compressionRatio } from './compression-ratio.js';
import { acrossInputDiversity, diversityReport, withinInputDiversity } from './diversity-report.js';
import { selfBleu } from './self-bleu.js';

describe('diversityReport', () => {
  it('reports every set metric', () => {
    // the cat sat | the cat ran: distinct-1..4 = 4/6, 3/4, 2/2, 0 (see distinct-n.test.ts).
    // Self-BLEU: each vs the other: p1 = 2/3, p2 = 1/2, p3 = 0.1/1, equal lengths → BP 1
    //   → (1/30)^(1/3) for both.
    // N-gram diversity of "the cat sat the cat ran": n=1 4/6, n=2 {the cat, cat sat, sat the,
    //   cat ran} 4/5, n=3 4/4, n=4 3/3 → 2/3 + 4/5 + 1 + 1.
    const outputs = ['the cat sat', 'the cat ran'];
    const report = diversityReport(outputs);
    expect(report.outputCount).toBe(2);
    expect(report.distinct1).toBeCloseTo(2 / 3, 15);
    expect(report.distinct2).toBe(0.75);
    expect(report.distinct3).toBe(1);
    expect(report.distinct4).toBe(0);
    expect(report.selfBleu?.value).toBeCloseTo((1 / 30) ** (1 / 3), 14);
    expect(report.selfBleu?.sampleSize).toBe(2);
    expect(report.compressionRatio).toBe(compressionRatio(outputs));
    expect(report.ngramDiversity).toBeCloseTo(2 / 3 + 4 / 5 + 2, 14);
  });

  it('handles a single output and no outputs', () => {
    const single = diversityReport(['один']);
    expect(single.selfBleu).toBeUndefined();
    expect(single.distinct1).toBe(1);
    expect(single.ngramDiversity).toBe(1);
    const none = diversityReport([]);
    expect(none).toEqual({
      outputCount: 0,
      distinct1: 0,
      distinct2: 0,
      distinct3: 0,
      distinct4: 0,
      selfBleu: undefined,
      compressionRatio: undefined,
      ngramDiversity: 0,
    });
  });

  it('samples self-BLEU above the cap exactly as selfBleu does', () => {
    const outputs = Array.from({ length: 12 }, (_, index) => `w${index % 5} v${index % 3} u`);
    const options = { selfBleu: { cap: 5, seed: 3 } };
    expect(diversityReport(outputs, options).selfBleu).toEqual(selfBleu(outputs, options.selfBleu));
    expect(diversityReport(outputs, options).selfBleu?.sampleSize).toBe(5);
  });
});

describe('withinInputDiversity', () => {
  it('averages per-input metrics over inputs with at least 2 outputs', () => {
    // a: "x y" twice → distinct-1 2/4; self-BLEU p1 = p2 = 1, p3 = 0.1/1 → 0.1^(1/3).
    // b: "p q", "r s" → distinct-1 4/4; no shared unigram → self-BLEU 0.
    // c has one output and is skipped. Means: distinct-1 0.75, self-BLEU 0.1^(1/3)/2.
    const groups = new Map([
      ['a', ['x y', 'X y']],
      ['b', ['p q', 'r s']],
      ['c', ['only one']],
    ]);
    const within = withinInputDiversity(groups);
    expect(within.inputsCounted).toBe(2);
    expect(within.distinct1).toBe(0.75);
    // distinct-2: a 1/2, b 2/2 → 0.75; distinct-3 and -4: no n-grams → 0.
    expect(within.distinct2).toBe(0.75);
    expect(within.distinct3).toBe(0);
    expect(within.selfBleu).toBeCloseTo(0.1 ** (1 / 3) / 2, 15);
  });

  it('says no input counted rather than inventing a value', () => {
    const within = withinInputDiversity(new Map([['a', ['one']]]));
    expect(within.inputsCounted).toBe(0);
    expect(within.distinct1).toBeUndefined();
    expect(within.selfBleu).toBeUndefined();
  });
});

describe('acrossInputDiversity', () => {
  it('takes the first repeat of each input', () => {
    // Firsts: "x y", "p q", "only one" → 6 unigrams, all distinct.
    const groups = new Map([
      ['a', ['x y', 'x y']],
      ['b', ['p q', 'r s']],
      ['c', ['only one']],
      ['d', []],
    ]);
    const across = acrossInputDiversity(groups);
    expect(across.outputCount).toBe(3);
    expect(across.distinct1).toBe(1);
    expect(across.selfBleu?.value).toBe(0);
  });
});
