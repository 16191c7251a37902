import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { type Clock, ManualClock } from './clock.js';
import { RateLimiter } from './rate-limiter.js';

/** Records when each acquire let its caller through, in clock time. */
function admit(clock: ManualClock, limiter: RateLimiter, tokens = 0, signal?: AbortSignal) {
  const record = { at: undefined as number | undefined, error: undefined as unknown };
  const waiting = limiter.acquire(tokens, signal);
  if (waiting === undefined) record.at = clock.now();
  else
    waiting.then(
      () => {
        record.at = clock.now();
      },
      (error: unknown) => {
        record.error = error;
      },
    );
  return record;
}

const timerlessClock: Clock = {
  now: () => 0,
  sleep: () => {
    throw new Error('no timer expected');
  },
};

describe('RateLimiter', () => {
  it('with no limits lets every caller through synchronously and never sleeps', () => {
    const limiter = new RateLimiter({ clock: timerlessClock });
    for (let index = 0; index < 10_000; index++) expect(limiter.acquire(1_000)).toBeUndefined();
    limiter.settle(1_000, 5_000);
    expect(limiter.waiting).toBe(0);
  });

  it('with rpm=60 lets 60 through at once, then spaces the next ones by 1 s', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 60, clock });
    for (let index = 0; index < 60; index++) expect(limiter.acquire()).toBeUndefined();

    const sixtyFirst = admit(clock, limiter);
    const sixtySecond = admit(clock, limiter);
    await clock.advance(999);
    expect(sixtyFirst.at).toBeUndefined();
    await clock.advance(1);
    expect(sixtyFirst.at).toBe(1_000);
    expect(sixtySecond.at).toBeUndefined();
    await clock.advance(1_000);
    expect(sixtySecond.at).toBe(2_000);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('refills continuously up to one minute of capacity, not beyond', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 60, clock });
    for (let index = 0; index < 60; index++) limiter.acquire();
    await clock.advance(10 * 60_000); // idle far longer than a minute
    for (let index = 0; index < 60; index++) expect(limiter.acquire()).toBeUndefined();
    expect(limiter.acquire()).toBeInstanceOf(Promise);
  });

  it('waits for enough tokens and settles estimates against real usage', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1_200, clock }); // 20 tokens per second
    expect(limiter.acquire(1_000)).toBeUndefined(); // 200 left

    // Needs 600: 400 missing at 20/s = 20 s.
    const second = admit(clock, limiter, 600);
    await clock.advance(5_000); // 300 available
    expect(second.at).toBeUndefined();

    // The first call used 100, not 1,000: the 900 refund lets the waiter through at once.
    limiter.settle(1_000, 100);
    await clock.flush();
    expect(second.at).toBe(5_000);

    // 1,200 capped - 600 = 600 left. A call that used 500 more than estimated leaves 100.
    limiter.settle(200, 700);
    const third = admit(clock, limiter, 300); // 200 missing = 10 s
    await clock.advance(9_999);
    expect(third.at).toBeUndefined();
    await clock.advance(1);
    expect(third.at).toBe(15_000);
  });

  it('serves waiters in order: a small request does not overtake a large one', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 600, clock }); // 10 tokens per second
    limiter.acquire(600);
    const large = admit(clock, limiter, 500);
    const small = admit(clock, limiter, 10);
    await clock.advance(50_000);
    expect(large.at).toBe(50_000);
    expect(small.at).toBeUndefined();
    await clock.advance(1_000);
    expect(small.at).toBe(51_000);
  });

  it('lets an oversized request through once the bucket is full, as a debt', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 600, clock });
    limiter.acquire(300);
    const huge = admit(clock, limiter, 6_000); // waits for a full bucket: 300 missing = 30 s
    await clock.advance(30_000);
    expect(huge.at).toBe(30_000);
    const next = admit(clock, limiter, 10); // level -5,400 + 10 needed: 541 s
    await clock.advance(540_999);
    expect(next.at).toBeUndefined();
    await clock.advance(1);
    expect(next.at).toBe(571_000);
  });

  it('pause blocks every caller until the pause ends, even with no limits', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.pause(3_000);
    await clock.advance(1_000);
    limiter.pause(500); // shorter: must not shorten the pause
    const first = admit(clock, limiter);
    const second = admit(clock, limiter);
    await clock.advance(1_999);
    expect(first.at).toBeUndefined();
    await clock.advance(1);
    expect(first.at).toBe(3_000);
    expect(second.at).toBe(3_000);
    expect(limiter.acquire()).toBeUndefined();
  });

  it('an aborted waiter leaves the queue and the next one is re-planned', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 600, clock });
    limiter.acquire(600);
    const controller = new AbortController();
    const large = admit(clock, limiter, 600, controller.signal); // 60 s
    const small = admit(clock, limiter, 10); // behind it
    await clock.advance(500);
    controller.abort('cancelled');
    await clock.flush();
    expect(large.error).toBe('cancelled');
    expect(limiter.waiting).toBe(1);
    await clock.advance(499);
    expect(small.at).toBeUndefined();
    await clock.advance(1);
    expect(small.at).toBe(1_000);
  });

  it('rejects every waiter when the clock fails instead of hanging', async () => {
    const clock = new ManualClock();
    const failing: Clock = { now: () => clock.now(), sleep: () => Promise.reject(new Error('x')) };
    const limiter = new RateLimiter({ requestsPerMinute: 1, clock: failing });
    limiter.acquire();
    await expect(limiter.acquire()).rejects.toThrow('x');
    expect(limiter.waiting).toBe(0);
  });

  it('rejects non-positive limits', () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(TunegateError);
    expect(() => new RateLimiter({ tokensPerMinute: -5 })).toThrow(TunegateError);
    expect(() => new RateLimiter({ tokensPerMinute: Number.NaN })).toThrow(TunegateError);
    expect(new RateLimiter({ requestsPerMinute: Number.POSITIVE_INFINITY }).acquire()).toBe(
      undefined,
    );
  });
});
