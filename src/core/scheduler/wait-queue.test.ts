import { describe, expect, it } from 'vitest';
import { WaitQueue } from './wait-queue.js';

const entry = (id: number) => ({ id, queued: false });

describe('WaitQueue', () => {
  it('is first in, first out and skips removed entries', () => {
    const queue = new WaitQueue<ReturnType<typeof entry>>();
    const entries = [1, 2, 3, 4].map(entry);
    for (const item of entries) queue.push(item);
    expect(queue.size).toBe(4);

    expect(queue.remove(entries[0] as ReturnType<typeof entry>)).toBe(true);
    expect(queue.remove(entries[2] as ReturnType<typeof entry>)).toBe(true);
    expect(queue.remove(entries[2] as ReturnType<typeof entry>)).toBe(false);
    expect(queue.size).toBe(2);

    expect(queue.peek()?.id).toBe(2);
    expect(queue.shift()?.id).toBe(2);
    expect(queue.shift()?.id).toBe(4);
    expect(queue.shift()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('keeps order across compaction of a long queue', () => {
    const queue = new WaitQueue<ReturnType<typeof entry>>();
    const taken: number[] = [];
    for (let id = 0; id < 5_000; id++) {
      queue.push(entry(id));
      if (id % 2 === 1) taken.push(queue.shift()?.id ?? -1);
    }
    taken.push(...queue.drain().map((item) => item.id));
    expect(taken).toEqual(Array.from({ length: 5_000 }, (_, id) => id));
    expect(queue.size).toBe(0);
  });

  it('a shifted entry cannot be removed again', () => {
    const queue = new WaitQueue<ReturnType<typeof entry>>();
    const only = entry(7);
    queue.push(only);
    expect(queue.shift()).toBe(only);
    expect(queue.remove(only)).toBe(false);
    expect(queue.size).toBe(0);
  });
});
