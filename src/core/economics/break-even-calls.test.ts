import { describe, expect, it } from 'vitest';
import { breakEvenCalls } from './break-even-calls.js';

describe('breakEvenCalls', () => {
  it('divides training cost by the saving per call', () => {
    // $18 training, $0.0045 → $0.0009 per call saves $0.0036: 18 / 0.0036 = 5,000 calls.
    expect(breakEvenCalls(18, 0.0045, 0.0009)).toBeCloseTo(5000, 9);
  });

  it('never breaks even when the finetune costs as much or more per call', () => {
    expect(breakEvenCalls(18, 0.001, 0.001)).toBeUndefined();
    expect(breakEvenCalls(18, 0.001, 0.002)).toBeUndefined();
  });
});
