import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { LimiterChain } from './limiter-chain.js';
import { RateLimiter } from './rate-limiter.js';

describe('LimiterChain', () => {
  it('goes at once when no limiter has to wait', () => {
    const chain = new LimiterChain([new RateLimiter(), new RateLimiter()]);
    expect(chain.acquire(10)).toBeUndefined();
  });

  it('waits for the slowest limiter: a shared provider budget binds two models', async () => {
    const clock = new ManualClock();
    const provider = new RateLimiter({ requestsPerMinute: 60, clock });
    const modelA = new LimiterChain([new RateLimiter({ clock }), provider]);
    const modelB = new LimiterChain([new RateLimiter({ clock }), provider]);
    for (let index = 0; index < 30; index++) {
      expect(modelA.acquire(0)).toBeUndefined();
      expect(modelB.acquire(0)).toBeUndefined();
    }
    // The provider's 60 requests are spent; the 61st waits one second whichever model asks.
    let released = false;
    const waiting = modelB.acquire(0);
    expect(waiting).toBeInstanceOf(Promise);
    waiting?.then(() => {
      released = true;
    });
    await clock.advance(999);
    expect(released).toBe(false);
    await clock.advance(1);
    expect(released).toBe(true);
  });

  it('pauses every limiter on a Retry-After', async () => {
    const clock = new ManualClock();
    const first = new RateLimiter({ clock });
    const second = new RateLimiter({ clock });
    new LimiterChain([first, second]).pause(500);
    expect(first.acquire(0)).toBeInstanceOf(Promise);
    expect(second.acquire(0)).toBeInstanceOf(Promise);
    await clock.advance(500);
  });
});
