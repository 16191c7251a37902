import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../spec/check-result.js';
import { allChecksPass, passRate } from './pass-rate.js';

const check = (pass: boolean): CheckResult => ({ name: 'c', kind: 'content', pass });

describe('passRate', () => {
  it('counts passing cases and adds the Wilson interval', () => {
    // 8 of 10 pass; the interval is wilsonInterval(8, 10) = [0.490162, 0.943318].
    const result = passRate([...Array(8).fill(true), false, false]);
    expect(result.passes).toBe(8);
    expect(result.total).toBe(10);
    expect(result.rate).toBe(0.8);
    expect(result.lower).toBeCloseTo(0.49016247153664183, 12);
    expect(result.upper).toBeCloseTo(0.9433178485456247, 12);
  });

  it('is 0 in [0, 1] with no cases', () => {
    expect(passRate([])).toEqual({ passes: 0, total: 0, rate: 0, lower: 0, upper: 1 });
  });
});

describe('allChecksPass', () => {
  it('needs every check to pass', () => {
    expect(allChecksPass([check(true), check(true)])).toBe(true);
    expect(allChecksPass([check(true), check(false)])).toBe(false);
    expect(allChecksPass([])).toBe(true);
  });
});
