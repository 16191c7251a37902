import { describe, expect, it } from 'vitest';
import { failedCallAdvice, isIncomplete } from './failed-calls.js';

describe('isIncomplete', () => {
  it('marks a group with more than the allowed share of failed calls', () => {
    expect(isIncomplete({ trials: 100, errors: 10 })).toBe(false);
    expect(isIncomplete({ trials: 100, errors: 11 })).toBe(true);
    expect(isIncomplete({ trials: 100, errors: 11 }, 0.2)).toBe(false);
  });

  it('marks a group with no answer at all, even when nothing is allowed to fail', () => {
    expect(isIncomplete({ trials: 4, errors: 4 }, 1)).toBe(true);
    expect(isIncomplete({ trials: 0, errors: 0 })).toBe(true);
    expect(isIncomplete({ trials: 4, errors: 0 }, 0)).toBe(false);
  });
});

describe('failedCallAdvice', () => {
  it('names the fix for a context overflow and for known error codes', () => {
    expect(
      failedCallAdvice('PROVIDER_ERROR', 'prompt is 372 tokens but the context holds 256'),
    ).toMatch(/fewer few-shot examples/);
    expect(failedCallAdvice('MISSING_API_KEY', 'set OPENAI_API_KEY')).toMatch(/API key/);
    expect(failedCallAdvice('TIMEOUT', 'timed out')).toMatch(/timeoutMs/);
    expect(failedCallAdvice(null, 'boom')).toMatch(/fix the cause/);
  });
});
