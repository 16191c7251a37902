import { describe, expect, it } from 'vitest';
import { buildBatches } from './build-batches.js';
import type { TokenizedExample } from './training-example.js';

const example = (tokens: number[], trainedFrom: number): TokenizedExample => ({
  tokens,
  trained: tokens.map((_, index) => index >= trainedFrom),
});

describe('buildBatches', () => {
  const examples = [
    example([1, 10, 11, 12], 2),
    example([1, 20, 21], 1),
    example([1, 30, 31, 32, 33, 34, 35], 1),
  ];

  it('packs examples into sequences; each restarts positions and sees only itself', () => {
    const plan = buildBatches(examples, { rows: 2, length: 6, packing: true });
    expect(plan.batches).toHaveLength(1);
    const [batch] = plan.batches;
    if (!batch) throw new Error('no batch');
    // Row 0: example 1 (3 inputs) then example 2 (2 inputs), one padding slot.
    expect([...batch.tokens.subarray(0, 6)]).toEqual([1, 10, 11, 1, 20, 0]);
    expect([...batch.targets.subarray(0, 5)]).toEqual([10, 11, 12, 20, 21]);
    expect([...batch.weights.subarray(0, 6)]).toEqual([0, 1, 1, 1, 1, 0]);
    expect([...batch.positions.subarray(0, 6)]).toEqual([0, 1, 2, 0, 1, 0]);
    expect([...batch.segmentStarts.subarray(0, 6)]).toEqual([0, 0, 0, 3, 3, 5]);
    // Row 1: example 3 has 6 predictions and fills the row exactly.
    expect([...batch.tokens.subarray(6)]).toEqual([1, 30, 31, 32, 33, 34]);
    expect([...batch.targets.subarray(6)]).toEqual([30, 31, 32, 33, 34, 35]);
    expect(batch.realTokens).toBe(11);
    expect(plan.lossTokens).toBe(10);
    // Every token of the three examples is read: 4 + 3 + 7.
    expect(plan.tokens).toBe(14);
    expect(plan.truncated).toBe(0);
  });

  it('pads one example per sequence without packing, truncating long ones', () => {
    const plan = buildBatches(examples, { rows: 2, length: 4, packing: false });
    expect(plan.batches).toHaveLength(2);
    expect(plan.truncated).toBe(1);
    // The 7-token example is read up to 4 predictions, 5 tokens: 4 + 3 + 5.
    expect(plan.tokens).toBe(12);
    const second = plan.batches[1];
    if (!second) throw new Error('no second batch');
    expect([...second.tokens.subarray(0, 4)]).toEqual([1, 30, 31, 32]);
    // The empty second row is all padding: no loss, each slot attends to itself.
    expect([...second.weights.subarray(4)]).toEqual([0, 0, 0, 0]);
    expect([...second.segmentStarts.subarray(4)]).toEqual([0, 1, 2, 3]);
  });
});
