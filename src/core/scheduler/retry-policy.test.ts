import { describe, expect, it } from 'vitest';
import { ProviderCallError, type TunegateError } from '../../spec/tunegate-error.js';
import { type Clock, ManualClock } from './clock.js';
import { RateLimiter } from './rate-limiter.js';
import { attemptsOf, callWithRetry, type RetryInfo } from './retry-policy.js';

/** Returns the given values in turn; fails the test if asked for more. */
function scripted(...values: number[]): () => number {
  return () => {
    const next = values.shift();
    if (next === undefined) throw new Error('random() called more often than scripted');
    return next;
  };
}

const retryable = (message = 'overloaded') =>
  new ProviderCallError(message, { status: 503, isRetryable: true });

/** Captures the outcome of a promise so tests can look at it while the clock is stopped. */
function observe<T>(promise: Promise<T>) {
  const outcome = {
    settled: false,
    value: undefined as T | undefined,
    error: undefined as unknown,
  };
  promise.then(
    (value) => {
      outcome.settled = true;
      outcome.value = value;
    },
    (error: unknown) => {
      outcome.settled = true;
      outcome.error = error;
    },
  );
  return outcome;
}

describe('callWithRetry', () => {
  it('backs off with full jitter: random() * min(max, base * 2^attempt)', async () => {
    const clock = new ManualClock();
    const calls: { attempt: number; at: number }[] = [];
    const retries: RetryInfo[] = [];
    const result = observe(
      callWithRetry(
        async (attempt) => {
          calls.push({ attempt, at: clock.now() });
          if (attempt < 3) throw retryable();
          return 'ok';
        },
        {
          retries: 5,
          baseDelayMs: 100,
          maxDelayMs: 250,
          random: scripted(0.5, 0.25, 1),
          clock,
          onRetry: (info) => retries.push(info),
        },
      ),
    );
    await clock.advance(10_000);
    // Delays: 0.5 * 100 = 50, 0.25 * 200 = 50, 1 * min(250, 400) = 250.
    expect(retries.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([
      { attempt: 1, delayMs: 50 },
      { attempt: 2, delayMs: 50 },
      { attempt: 3, delayMs: 250 },
    ]);
    expect(calls).toEqual([
      { attempt: 0, at: 0 },
      { attempt: 1, at: 50 },
      { attempt: 2, at: 100 },
      { attempt: 3, at: 350 },
    ]);
    expect(result.value).toBe('ok');
  });

  it('uses the 500 ms base by default', async () => {
    const clock = new ManualClock();
    const delays: number[] = [];
    const result = observe(
      callWithRetry(
        async (attempt) => {
          if (attempt < 2) throw retryable();
          return attempt;
        },
        {
          retries: 2,
          random: scripted(0.5, 0.5),
          clock,
          onRetry: (info) => delays.push(info.delayMs),
        },
      ),
    );
    await clock.advance(1_000);
    expect(delays).toEqual([250, 500]);
    expect(result.value).toBe(2);
  });

  it('waits max(retryAfterMs, jittered) and pauses every worker through the rate limiter', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const calls: string[] = [];
    const rateLimited = new ProviderCallError('slow down', {
      status: 429,
      retryAfterMs: 3_000,
      isRetryable: true,
    });
    const first = observe(
      callWithRetry(
        async (attempt) => {
          calls.push(`first#${attempt}@${clock.now()}`);
          if (attempt === 0) throw rateLimited;
          return 'first';
        },
        { retries: 1, random: scripted(0.1), clock, rateLimiter: limiter, estimatedTokens: 0 },
      ),
    );
    await clock.advance(1_000);
    // Another worker starting during the pause waits for it too.
    const second = observe(
      callWithRetry(
        async () => {
          calls.push(`second@${clock.now()}`);
          return 'second';
        },
        { retries: 1, clock, rateLimiter: limiter, estimatedTokens: 0 },
      ),
    );
    await clock.advance(1_999);
    expect(calls).toEqual(['first#0@0']);
    await clock.advance(1);
    // Both go at 3 s; the second worker queued in the limiter first, so it is served first.
    expect(calls).toEqual(['first#0@0', 'second@3000', 'first#1@3000']);
    expect(first.value).toBe('first');
    expect(second.value).toBe('second');
  });

  it('keeps the jittered delay when it is longer than Retry-After', async () => {
    const clock = new ManualClock();
    const delays: number[] = [];
    const error = new ProviderCallError('slow down', {
      status: 429,
      retryAfterMs: 10,
      isRetryable: true,
    });
    const result = observe(
      callWithRetry(
        async (attempt) => {
          if (attempt === 0) throw error;
          return 'ok';
        },
        { retries: 1, random: scripted(0.9), clock, onRetry: (info) => delays.push(info.delayMs) },
      ),
    );
    await clock.advance(450);
    expect(delays).toEqual([450]);
    expect(result.value).toBe('ok');
  });

  it('throws a non-retryable error at once, with its code and attempts = 1', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const error = new ProviderCallError('bad request', { status: 400, isRetryable: false });
    const failure = await callWithRetry(
      async () => {
        calls++;
        throw error;
      },
      { retries: 5, clock, random: scripted() },
    ).catch((thrown: unknown) => thrown);
    expect(failure).toBe(error);
    expect((failure as ProviderCallError).code).toBe('PROVIDER_ERROR');
    expect(attemptsOf(failure)).toBe(1);
    expect(calls).toBe(1);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('does not retry plain errors', async () => {
    let calls = 0;
    const failure = await callWithRetry(
      async () => {
        calls++;
        throw new TypeError('bug');
      },
      { retries: 3, random: scripted() },
    ).catch((thrown: unknown) => thrown);
    expect(failure).toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it('throws the last error with its code and attempts when retries run out', async () => {
    const clock = new ManualClock();
    const errors = [retryable('one'), retryable('two'), retryable('three')];
    const result = observe(
      callWithRetry(
        async (attempt) => {
          throw errors[attempt];
        },
        { retries: 2, clock, random: scripted(0, 0) },
      ),
    );
    await clock.advance(0);
    expect(result.error).toBe(errors[2]);
    expect((result.error as TunegateError).code).toBe('PROVIDER_ERROR');
    expect(attemptsOf(result.error)).toBe(3);
  });

  it('times out an attempt, aborts its signal, retries, and clears the timer on success', async () => {
    const clock = new ManualClock();
    const signals: AbortSignal[] = [];
    const retries: RetryInfo[] = [];
    const result = observe(
      callWithRetry(
        (attempt, signal) => {
          signals.push(signal);
          if (attempt === 0) return new Promise<string>(() => {}); // hangs, ignores its signal
          return Promise.resolve('done');
        },
        {
          retries: 1,
          timeoutMs: 1_000,
          baseDelayMs: 100,
          random: scripted(1),
          clock,
          onRetry: (info) => retries.push(info),
        },
      ),
    );
    await clock.advance(999);
    expect(result.settled).toBe(false);
    await clock.advance(1);
    expect(signals[0]?.aborted).toBe(true);
    const timeout = signals[0]?.reason as TunegateError;
    expect(timeout.code).toBe('TIMEOUT');
    expect(timeout.isRetryable).toBe(true);
    expect(retries[0]?.error).toBe(timeout);
    await clock.advance(100);
    expect(result.value).toBe('done');
    expect(signals[1]?.aborted).toBe(false);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('reports TIMEOUT with attempts when every attempt times out', async () => {
    const clock = new ManualClock();
    const result = observe(
      callWithRetry(() => new Promise<never>(() => {}), {
        retries: 1,
        timeoutMs: 200,
        random: scripted(0),
        clock,
      }),
    );
    await clock.advance(400);
    expect((result.error as TunegateError).code).toBe('TIMEOUT');
    expect(attemptsOf(result.error)).toBe(2);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('stops during a backoff with ABORTED and makes no further attempt', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    let calls = 0;
    const result = observe(
      callWithRetry(
        async () => {
          calls++;
          throw retryable();
        },
        { retries: 5, random: scripted(1), clock, signal: controller.signal },
      ),
    );
    await clock.advance(100);
    controller.abort();
    await clock.advance(60_000);
    expect(calls).toBe(1);
    expect((result.error as TunegateError).code).toBe('ABORTED');
    expect(attemptsOf(result.error)).toBe(1);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('stops a running attempt with ABORTED even when fn ignores its signal', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const result = observe(
      callWithRetry(
        (_attempt, signal) => {
          seen.push(signal);
          return new Promise<never>(() => {});
        },
        { retries: 5, timeoutMs: 5_000, clock, signal: controller.signal, random: scripted() },
      ),
    );
    await clock.advance(10);
    controller.abort('user');
    await clock.flush();
    expect((result.error as TunegateError).code).toBe('ABORTED');
    expect(seen[0]?.aborted).toBe(true);
    expect(seen).toHaveLength(1);
    expect(clock.pendingSleeps).toBe(0); // the attempt's timeout timer was cleared
  });

  it('never calls fn when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const failure = await callWithRetry(
      async () => {
        calls++;
      },
      { retries: 3, signal: controller.signal },
    ).catch((thrown: unknown) => thrown);
    expect((failure as TunegateError).code).toBe('ABORTED');
    expect(calls).toBe(0);
  });

  it('aborts while waiting on the rate limiter', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1, clock });
    limiter.acquire();
    const controller = new AbortController();
    const result = observe(
      callWithRetry(async () => 'never', {
        retries: 0,
        clock,
        rateLimiter: limiter,
        estimatedTokens: 0,
        signal: controller.signal,
      }),
    );
    await clock.advance(1_000);
    controller.abort();
    await clock.flush();
    expect((result.error as TunegateError).code).toBe('ABORTED');
    expect(limiter.waiting).toBe(0);
  });

  it('without estimatedTokens only pauses the limiter and leaves acquiring to fn', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1, clock });
    expect(limiter.acquire()).toBeUndefined(); // the minute's only request is gone
    const calls: number[] = [];
    const result = observe(
      callWithRetry(
        async (attempt) => {
          calls.push(clock.now());
          if (attempt === 0) {
            throw new ProviderCallError('slow down', {
              status: 429,
              retryAfterMs: 90_000,
              isRetryable: true,
            });
          }
          return 'ok';
        },
        { retries: 1, random: scripted(0), clock, rateLimiter: limiter },
      ),
    );
    await clock.flush();
    expect(calls).toEqual([0]); // not held back by the exhausted request budget
    const other = observe(limiter.acquire() ?? Promise.resolve());
    await clock.advance(89_999);
    expect(other.settled).toBe(false); // the pause outlasts the 60 s refill
    await clock.advance(1);
    expect(calls).toEqual([0, 90_000]);
    expect(result.value).toBe('ok');
    expect(other.settled).toBe(true);
  });

  it('reserves estimated tokens per attempt and settles them with real usage', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1_000, clock });
    const result = await callWithRetry(async () => ({ tokens: 100 }), {
      retries: 0,
      clock,
      rateLimiter: limiter,
      estimatedTokens: 900,
      actualTokens: (value) => value.tokens,
    });
    expect(result.tokens).toBe(100);
    // 1,000 - 900 + 800 refunded = 900 left: a 900-token call proceeds at once.
    expect(limiter.acquire(900)).toBeUndefined();
    expect(limiter.acquire(1)).toBeInstanceOf(Promise);
  });

  it('on the no-limits path creates no timer: a clock whose sleep throws is never touched', async () => {
    const timerless: Clock = {
      now: () => 0,
      sleep: () => {
        throw new Error('a timer was created');
      },
    };
    const limiter = new RateLimiter({ clock: timerless });
    for (let cell = 0; cell < 1_000; cell++) {
      expect(limiter.acquire(500)).toBeUndefined();
      const value = await callWithRetry(async (attempt) => cell + attempt, {
        retries: 3,
        clock: timerless,
        rateLimiter: limiter,
        estimatedTokens: 500,
        actualTokens: () => 400,
      });
      expect(value).toBe(cell);
    }
  });
});
