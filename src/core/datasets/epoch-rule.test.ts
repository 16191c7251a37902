import { describe, expect, it } from 'vitest';
import { chooseEpochs } from './epoch-rule.js';

describe('chooseEpochs', () => {
  it.each([
    [0, 0],
    [1, 25], // 100 passes would need 100 epochs: clamped to 25
    [10, 10], // 10 × 10 = 100 passes
    [30, 4], // 3 epochs give 90 passes; 4 give 120
    [33, 4], // 99 < 100
    [34, 3], // 102 ≥ 100
    [1000, 3],
    [8333, 3], // 24,999 passes
    [8334, 2], // 25,002 > 25,000: floor(25,000 / 8,334) = 2
    [12_500, 2],
    [12_501, 1],
    [1_000_000, 1], // floor gives 0: clamped to 1
  ])('%i examples → %i epochs', (examples, epochs) => {
    expect(chooseEpochs(examples)).toBe(epochs);
  });
});
