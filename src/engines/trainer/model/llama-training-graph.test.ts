import { describe, expect, it } from 'vitest';
import {
  randomBatch,
  randomLlamaWeights,
  tinyHyperparameters,
} from '../../../../test/fixtures/trainer/tiny-llama.js';
import { ComputeMemory } from '../kernels/compute-memory.js';
import { createLoraWeights } from '../lora/lora-weights.js';
import { SeededRandom } from '../random/seeded-random.js';
import { LlamaTrainingGraph } from './llama-training-graph.js';
import { linearModuleNames } from './llama-weights.js';

/** Worst relative gap between backprop and central differences over sampled coordinates. */
function gradientCheck(mode: 'full' | 'lora'): { worst: number; checked: number } {
  const memory = new ComputeMemory();
  const weights = randomLlamaWeights(memory, tinyHyperparameters, 1);
  const batch = randomBatch(tinyHyperparameters, 12, 2);
  const random = new SeededRandom(3);
  const adapters =
    mode === 'lora'
      ? weights.layers
          .flatMap((layer) =>
            linearModuleNames.map((module) =>
              // Rank 3 sends attn_q through the scalar fallback; the others use the SIMD kernel.
              createLoraWeights(
                memory,
                layer.linear[module],
                module,
                { rank: module === 'attn_q' ? 3 : 4, alpha: 8 },
                random,
              ),
            ),
          )
          .concat(
            createLoraWeights(memory, weights.output, 'output', { rank: 4, alpha: 4 }, random),
          )
      : [];
  for (const adapter of adapters) {
    // B starts at zero, which would hide A's gradient; give it values.
    adapter.bT.data.set(Array.from(adapter.bT.data, () => 0.3 * random.normal()));
  }
  const graph = new LlamaTrainingGraph(
    memory,
    weights,
    { rows: 2, length: 12 },
    {
      full: mode === 'full',
      ...(mode === 'lora' ? { lora: { adapters, dropout: 0, random } } : {}),
    },
  );
  for (const tensor of graph.trainables) tensor.afterUpdate?.();
  const loss = () => {
    const result = graph.forward(batch, { train: false });
    return result.lossSum / result.weightSum;
  };
  graph.forward(batch, { train: true });
  graph.backward();
  let worst = 0;
  let checked = 0;
  const epsilon = 1e-2;
  for (const tensor of graph.trainables) {
    const value = tensor.value.data;
    for (let sample = 0; sample < 4; sample++) {
      const index = Math.floor(random.next() * value.length);
      const original = value[index] as number;
      value[index] = original + epsilon;
      tensor.afterUpdate?.();
      const plus = loss();
      value[index] = original - epsilon;
      tensor.afterUpdate?.();
      const minus = loss();
      value[index] = original;
      tensor.afterUpdate?.();
      const numeric = (plus - minus) / (2 * epsilon);
      const analytic = tensor.gradient.data[index] as number;
      worst = Math.max(
        worst,
        Math.abs(numeric - analytic) / (Math.abs(numeric) + Math.abs(analytic) + 1e-3),
      );
      checked++;
    }
  }
  return { worst, checked };
}

describe('LlamaTrainingGraph gradients against finite differences (tiny random llama)', () => {
  // Packing, padding, grouped kv heads and both kernel paths are all in the batch and shapes.
  it('match for a full finetune: every weight, norm gain and the embedding', () => {
    const { worst, checked } = gradientCheck('full');
    expect(checked).toBe(4 * (2 * 9 + 3));
    // Measured 0.00072 (float32 forward, ε = 0.01).
    expect(worst).toBeLessThan(0.01);
  });

  it('match for LoRA on every projection and the classifier', () => {
    const { worst, checked } = gradientCheck('lora');
    expect(checked).toBe(4 * 2 * (2 * 7 + 1));
    // Measured 0.0014 (LoRA gradients are small, so float32 noise weighs more).
    expect(worst).toBeLessThan(0.02);
  });
});
