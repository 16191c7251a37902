import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../spec/check-result.js';
import { formatValidity } from './format-validity.js';

const format = (pass: boolean): CheckResult => ({ name: 'json', kind: 'format', pass });
const content = (pass: boolean): CheckResult => ({ name: 'equals', kind: 'content', pass });

describe('formatValidity', () => {
  it('is the share of outputs whose format checks all pass', () => {
    // Output 1 valid; 2 fails a format check; 3 fails only content (still valid);
    // 4 has no format check (valid): 3 of 4.
    const results = [
      [format(true), content(true)],
      [format(true), format(false)],
      [format(true), content(false)],
      [content(false)],
    ];
    expect(formatValidity(results)).toBe(0.75);
  });

  it('counts an output with no checks at all as valid', () => {
    expect(formatValidity([[]])).toBe(1);
  });

  it('is undefined with no outputs', () => {
    expect(formatValidity([])).toBeUndefined();
  });
});
