import { describe, expect, it } from 'vitest';
import { SequencePool } from './sequence-pool.js';

describe('SequencePool', () => {
  it('hands out free items at once and makes later callers wait in arrival order', async () => {
    const pool = new SequencePool(['a']);
    const first = await pool.acquire();
    expect(first).toBe('a');
    const order: string[] = [];
    const second = pool.acquire().then((item) => order.push(`second:${item}`));
    const third = pool.acquire().then((item) => order.push(`third:${item}`));
    expect(pool.waiting).toBe(2);
    expect(pool.active).toBe(1);
    pool.release(first);
    await second;
    pool.release('a');
    await third;
    expect(order).toEqual(['second:a', 'third:a']);
    expect(pool.waiting).toBe(0);
  });

  it('removes an aborted waiter and rejects with the abort reason', async () => {
    const pool = new SequencePool([1]);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(pool.waiting).toBe(0);
    pool.release(held);
    expect(pool.active).toBe(0);
    await expect(pool.acquire(controller.signal)).rejects.toThrow('gone');
  });

  it('rejects every waiter when asked', async () => {
    const pool = new SequencePool([1]);
    await pool.acquire();
    const waiting = pool.acquire();
    pool.rejectWaiting(new Error('disposed'));
    await expect(waiting).rejects.toThrow('disposed');
  });
});
