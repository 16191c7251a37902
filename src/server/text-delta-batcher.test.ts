import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TextDeltaBatcher } from './text-delta-batcher.js';

describe('TextDeltaBatcher', () => {
  it('sends the first delta at once and joins the ones that follow within the interval', async () => {
    const emitted: string[] = [];
    const batcher = new TextDeltaBatcher((text) => emitted.push(text), 30);
    batcher.push('Once');
    expect(emitted).toEqual(['Once']);
    batcher.push(' upon');
    batcher.push('');
    batcher.push(' a');
    expect(emitted).toEqual(['Once']);
    await delay(60);
    expect(emitted).toEqual(['Once', ' upon a']);
    batcher.push(' time');
    batcher.flush();
    expect(emitted).toEqual(['Once', ' upon a', ' time']);
    expect(emitted.join('')).toBe('Once upon a time');
  });

  it('drops pending text on cancel', async () => {
    const emitted: string[] = [];
    const batcher = new TextDeltaBatcher((text) => emitted.push(text), 20);
    batcher.push('a');
    batcher.push('b');
    batcher.cancel();
    await delay(40);
    batcher.flush();
    expect(emitted).toEqual(['a']);
  });
});
