import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import { createFewShotSelector } from './few-shot-selector.js';

const makeCase = (id: string, input: string): EvalCase => ({
  id,
  fields: { input },
  source: { file: 'pool.jsonl', line: 1 },
});
const inputOf = (evalCase: EvalCase) => String(evalCase.fields.input);
const ids = (cases: EvalCase[]) => cases.map((evalCase) => evalCase.id);

const pool = [
  makeCase('p1', 'the cat sat on the mat'),
  makeCase('p2', 'stock prices fell sharply'),
  makeCase('p3', 'a cat chased a mouse'),
  makeCase('p4', 'rain is expected tomorrow'),
  makeCase('p5', 'markets rallied as prices rose'),
];

describe('createFewShotSelector: fixed', () => {
  const select = createFewShotSelector(pool, { k: 2, selection: 'fixed', seed: 0 }, { inputOf });

  it('takes the first k of the pool', () => {
    expect(ids(select(makeCase('c1', 'anything')))).toEqual(['p1', 'p2']);
  });

  it('skips an example with the case id or the same input', () => {
    expect(ids(select(makeCase('p1', 'anything')))).toEqual(['p2', 'p3']);
    expect(ids(select(makeCase('c2', 'stock prices fell sharply')))).toEqual(['p1', 'p3']);
  });

  it('returns the whole eligible pool when k exceeds it, and nothing for k = 0', () => {
    const all = createFewShotSelector(pool, { k: 50, selection: 'fixed', seed: 0 }, { inputOf });
    expect(ids(all(makeCase('p3', 'x')))).toEqual(['p1', 'p2', 'p4', 'p5']);
    const none = createFewShotSelector(pool, { k: 0, selection: 'fixed', seed: 0 }, { inputOf });
    expect(none(makeCase('c1', 'x'))).toEqual([]);
  });
});

describe('createFewShotSelector: random', () => {
  const settings = { k: 3, selection: 'random', seed: 11 } as const;

  it('is stable per case and varies across cases and seeds', () => {
    const select = createFewShotSelector(pool, settings, { inputOf });
    const again = createFewShotSelector(pool, settings, { inputOf });
    const samples = new Set<string>();
    for (let index = 0; index < 20; index++) {
      const evalCase = makeCase(`c${index}`, `query ${index}`);
      expect(ids(again(evalCase))).toEqual(ids(select(evalCase)));
      samples.add(ids(select(evalCase)).join(','));
    }
    expect(samples.size).toBeGreaterThan(1);

    const reseeded = createFewShotSelector(pool, { ...settings, seed: 12 }, { inputOf });
    const differs = Array.from({ length: 20 }, (_, index) => makeCase(`c${index}`, 'q')).some(
      (evalCase) => ids(reseeded(evalCase)).join() !== ids(select(evalCase)).join(),
    );
    expect(differs).toBe(true);
  });

  it('returns min(k, eligible) distinct, non-leaking examples (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer(),
        fc.constantFrom('p1', 'p4', 'c9'),
        (k, seed, caseId) => {
          const select = createFewShotSelector(pool, { k, selection: 'random', seed }, { inputOf });
          const chosen = ids(select(makeCase(caseId, 'rain is expected tomorrow')));
          // p4 always leaks (same input); p1 leaks when it is the case itself.
          const eligible = pool.length - 1 - (caseId === 'p1' ? 1 : 0);
          expect(chosen.length).toBe(Math.min(k, eligible));
          expect(new Set(chosen).size).toBe(chosen.length);
          expect(chosen).not.toContain('p4');
          expect(chosen).not.toContain(caseId);
        },
      ),
    );
  });
});

describe('createFewShotSelector: nearest', () => {
  const select = createFewShotSelector(pool, { k: 2, selection: 'nearest', seed: 0 }, { inputOf });

  it('returns the most similar examples first', () => {
    expect(ids(select(makeCase('c1', 'my cat likes the mat')))).toEqual(['p1', 'p3']);
    expect(ids(select(makeCase('c2', 'prices of stock')))).toEqual(['p2', 'p5']);
  });

  it('fills up with non-matching examples in pool order', () => {
    expect(ids(select(makeCase('c3', 'a mouse')))).toEqual(['p3', 'p1']);
  });

  it('never returns the case itself or a copy of its input', () => {
    expect(ids(select(makeCase('p1', 'the cat sat on the mat')))).toEqual(['p3', 'p2']);
    expect(ids(select(makeCase('c4', 'a cat chased a mouse')))).toEqual(['p1', 'p2']);
  });
});
