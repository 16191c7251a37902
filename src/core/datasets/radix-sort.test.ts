import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByKey } from './radix-sort.js';

describe('sortIndicesByKey', () => {
  it('orders rows by key, equal keys in row order', () => {
    const keys = Uint32Array.from([5, 0xffffffff, 5, 0, 70_000, 5]);
    expect([...sortIndicesByKey(keys)]).toEqual([3, 0, 2, 5, 4, 1]);
  });

  it('agrees with a stable comparison sort on any keys', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 300 }), (values) => {
        const keys = Uint32Array.from(values);
        const expected = values
          .map((key, row) => ({ key, row }))
          .sort((left, right) => left.key - right.key || left.row - right.row)
          .map((entry) => entry.row);
        expect([...sortIndicesByKey(keys)]).toEqual(expected);
      }),
    );
  });
});
