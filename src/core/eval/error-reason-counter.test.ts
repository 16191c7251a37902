import { describe, expect, it } from 'vitest';
import { ErrorReasonCounter } from './error-reason-counter.js';

describe('ErrorReasonCounter', () => {
  it('merges messages that differ only in numbers and ranks the commonest first', () => {
    const counter = new ErrorReasonCounter();
    counter.add('TIMEOUT', 'timed out');
    counter.add('PROVIDER_ERROR', 'the prompt is 372 tokens but the context holds 256');
    counter.add('PROVIDER_ERROR', 'the prompt is 380 tokens but the context holds 256');
    counter.add(null, null);
    expect(counter.top(2)).toEqual([
      {
        code: 'PROVIDER_ERROR',
        message: 'the prompt is 372 tokens but the context holds 256',
        count: 2,
      },
      { code: 'TIMEOUT', message: 'timed out', count: 1 },
    ]);
    expect(counter.top()).toHaveLength(3);
  });

  it('keeps codes apart for the same message', () => {
    const counter = new ErrorReasonCounter();
    counter.add('RATE_LIMITED', 'slow down');
    counter.add('PROVIDER_ERROR', 'slow down');
    expect(counter.top().map((reason) => reason.count)).toEqual([1, 1]);
  });
});
