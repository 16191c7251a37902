import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import { ConcurrencyGate } from './concurrency-gate.js';

/** A small seeded generator (mulberry32) so the release order is shuffled but repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('takes free slots synchronously and queues the rest', async () => {
    const gate = new ConcurrencyGate(2);
    expect(gate.acquire()).toBeUndefined();
    expect(gate.acquire()).toBeUndefined();
    const third = gate.acquire();
    expect(third).toBeInstanceOf(Promise);
    expect(gate.active).toBe(2);
    expect(gate.waiting).toBe(1);

    gate.release();
    await third;
    expect(gate.active).toBe(2);
    expect(gate.waiting).toBe(0);
    gate.release();
    gate.release();
    expect(gate.active).toBe(0);
  });

  it('never exceeds its limit under 1,000 concurrent tasks and starts them in FIFO order', async () => {
    const limit = 7;
    const gate = new ConcurrencyGate(limit);
    const random = seededRandom(42);
    const started: number[] = [];
    const running = new Map<number, () => void>();
    let active = 0;
    let maxActive = 0;

    const tasks = Array.from({ length: 1_000 }, (_, id) =>
      gate.run(async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        started.push(id);
        await new Promise<void>((resolve) => running.set(id, resolve));
        active--;
        return id;
      }),
    );

    await flush();
    while (running.size > 0) {
      expect(running.size).toBeLessThanOrEqual(limit);
      // Finish a random running task, so slots free up in no particular order.
      const ids = [...running.keys()];
      const id = ids[Math.floor(random() * ids.length)] as number;
      running.get(id)?.();
      running.delete(id);
      await flush();
    }

    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 1_000 }, (_, id) => id));
    expect(maxActive).toBe(limit);
    expect(started).toEqual(Array.from({ length: 1_000 }, (_, id) => id));
    expect(gate.active).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('releases the slot when the task throws', async () => {
    const gate = new ConcurrencyGate(1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.active).toBe(0);
    expect(await gate.run(() => 5)).toBe(5);
  });

  it('drops an aborted waiter from the queue without losing the slot order', async () => {
    const gate = new ConcurrencyGate(1);
    expect(gate.acquire()).toBeUndefined();
    const controller = new AbortController();
    const order: string[] = [];
    const first = gate.acquire(controller.signal);
    const second = gate.acquire();
    void second?.then(() => order.push('second'));
    controller.abort('cancelled');
    await expect(first).rejects.toBe('cancelled');
    expect(gate.waiting).toBe(1);

    gate.release();
    await flush();
    expect(order).toEqual(['second']);
    expect(gate.active).toBe(1);
  });

  it('rejects an already-aborted acquire only when it would have to wait', async () => {
    const gate = new ConcurrencyGate(1);
    const controller = new AbortController();
    controller.abort('gone');
    expect(gate.acquire(controller.signal)).toBeUndefined();
    await expect(gate.acquire(controller.signal)).rejects.toBe('gone');
    expect(gate.waiting).toBe(0);
  });

  it('rejects invalid limits and unpaired releases', () => {
    expect(() => new ConcurrencyGate(0)).toThrow(TunegateError);
    expect(() => new ConcurrencyGate(1.5)).toThrow(TunegateError);
    expect(() => new ConcurrencyGate(Number.NaN)).toThrow(TunegateError);
    const unlimited = new ConcurrencyGate(Number.POSITIVE_INFINITY);
    for (let index = 0; index < 100; index++) expect(unlimited.acquire()).toBeUndefined();
    expect(() => new ConcurrencyGate(1).release()).toThrow(/without a held slot/);
  });
});
