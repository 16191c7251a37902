import { describe, expect, it } from 'vitest';
import { ComputeMemory } from '../kernels/compute-memory.js';
import { AdamWOptimizer, clipGradients } from './adamw-optimizer.js';
import type { TrainableTensor } from './trainable-tensor.js';

function tensor(
  memory: ComputeMemory,
  values: number[],
  gradient: number[],
  decay: boolean,
): TrainableTensor {
  const value = memory.allocate(values.length);
  value.data.set(values);
  const slice = memory.allocate(gradient.length);
  slice.data.set(gradient);
  return { name: 't', value, gradient: slice, decay };
}

describe('AdamWOptimizer', () => {
  it('takes the first step as lr·sign(g) plus decoupled decay, then zeroes the gradient', () => {
    const memory = new ComputeMemory();
    const decayed = tensor(memory, [1, -2], [0.5, -4], true);
    const plain = tensor(memory, [1], [3], false);
    let refreshed = 0;
    plain.afterUpdate = () => refreshed++;
    const optimizer = new AdamWOptimizer(memory, [decayed, plain], {
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 0,
      weightDecay: 0.1,
    });
    optimizer.update(0.01);
    // Bias correction makes m̂ = g and v̂ = g², so the step is lr·g/|g|; decay shrinks by 1 − lr·wd.
    expect(decayed.value.data[0]).toBeCloseTo(1 * (1 - 0.001) - 0.01, 6);
    expect(decayed.value.data[1]).toBeCloseTo(-2 * (1 - 0.001) + 0.01, 6);
    expect(plain.value.data[0]).toBeCloseTo(0.99, 6);
    expect([...decayed.gradient.data]).toEqual([0, 0]);
    expect(refreshed).toBe(1);
  });

  it('matches a hand-computed second step', () => {
    const memory = new ComputeMemory();
    const t = tensor(memory, [0], [1], false);
    const optimizer = new AdamWOptimizer(memory, [t], {
      beta1: 0.5,
      beta2: 0.5,
      epsilon: 0,
      weightDecay: 0,
    });
    optimizer.update(1);
    t.gradient.data[0] = 3;
    optimizer.update(1);
    // m = 0.5·0.5 + 0.5·3 = 1.75, v = 0.5·0.5 + 0.5·9 = 4.75; m̂ = 1.75/0.75, v̂ = 4.75/0.75.
    const expected = -1 - 1.75 / 0.75 / Math.sqrt(4.75 / 0.75);
    expect(t.value.data[0]).toBeCloseTo(expected, 5);
  });
});

describe('clipGradients', () => {
  it('scales the global norm down to the maximum and reports the norm before', () => {
    const memory = new ComputeMemory();
    const a = tensor(memory, [0, 0], [3, 0], true);
    const b = tensor(memory, [0], [4], true);
    expect(clipGradients([a, b], 1)).toBeCloseTo(5, 6);
    expect(a.gradient.data[0]).toBeCloseTo(0.6, 6);
    expect(b.gradient.data[0]).toBeCloseTo(0.8, 6);
    expect(clipGradients([a, b], 2)).toBeCloseTo(1, 6);
    expect(b.gradient.data[0]).toBeCloseTo(0.8, 6);
  });
});
