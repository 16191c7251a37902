import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairInterner } from './pair-interner.js';

describe('PairInterner', () => {
  it('numbers distinct pairs in order of first appearance', () => {
    const interner = new PairInterner(5);
    expect(interner.intern(0, 1)).toBe(0);
    expect(interner.intern(1, 0)).toBe(1);
    expect(interner.intern(0, 1)).toBe(0);
    expect(interner.intern(2_000_000_000, 7)).toBe(2);
    expect(interner.size).toBe(3);
  });

  it('agrees with a Map keyed by the pair, even when full to its bound', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        ),
        (pairs) => {
          const interner = new PairInterner(pairs.length);
          const reference = new Map<string, number>();
          for (const [first, second] of pairs) {
            const key = `${first},${second}`;
            if (!reference.has(key)) reference.set(key, reference.size);
            expect(interner.intern(first, second)).toBe(reference.get(key));
          }
          expect(interner.size).toBe(reference.size);
        },
      ),
    );
  });
});
