import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from './clock.js';

describe('ManualClock', () => {
  it('wakes sleepers in wake order, ties in sleep order, each at its own time', async () => {
    const clock = new ManualClock(1_000);
    const woken: string[] = [];
    const sleep = (name: string, ms: number) =>
      clock.sleep(ms).then(() => woken.push(`${name}@${clock.now()}`));
    void sleep('c', 300);
    void sleep('a', 100);
    void sleep('b', 100);
    void sleep('d', 900);

    await clock.advance(300);
    expect(woken).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(clock.now()).toBe(1_300);
    expect(clock.pendingSleeps).toBe(1);

    await clock.advance(599);
    expect(woken).toHaveLength(3);
    await clock.advance(1);
    expect(woken).toEqual(['a@1100', 'b@1100', 'c@1300', 'd@1900']);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('wakes a sleep started by a woken sleeper when it falls inside the window', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    void (async () => {
      for (let index = 0; index < 3; index++) {
        await clock.sleep(100);
        times.push(clock.now());
      }
    })();
    await clock.advance(250);
    expect(times).toEqual([100, 200]);
    await clock.advance(50);
    expect(times).toEqual([100, 200, 300]);
  });

  it('rejects with the signal reason on abort and forgets the sleeper', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    expect(clock.pendingSleeps).toBe(1);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('resolves a zero or negative sleep without registering a sleeper', async () => {
    const clock = new ManualClock();
    await clock.sleep(0);
    await clock.sleep(-5);
    expect(clock.pendingSleeps).toBe(0);
    expect(clock.now()).toBe(0);
  });
});

describe('systemClock', () => {
  it('is monotonic', () => {
    const first = systemClock.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(first);
  });

  it('sleeps for real and can be aborted before the timer fires', async () => {
    await systemClock.sleep(1);
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort('stop');
    await expect(sleeping).rejects.toBe('stop');
  });
});
