import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { TrainableTensor } from './trainable-tensor.js';

export interface AdamWSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

/** AdamW with bias correction and decoupled weight decay (Loshchilov & Hutter). */
export class AdamWOptimizer {
  private readonly moments: { first: Slice; second: Slice }[];
  private step = 0;

  constructor(
    memory: ComputeMemory,
    readonly tensors: readonly TrainableTensor[],
    readonly settings: AdamWSettings,
  ) {
    this.moments = tensors.map((tensor) => ({
      first: memory.allocate(tensor.value.length).fill(0),
      second: memory.allocate(tensor.value.length).fill(0),
    }));
  }

  get stepCount(): number {
    return this.step;
  }

  /** Applies one update with `learningRate`, then zeroes every gradient. */
  update(learningRate: number): void {
    this.step++;
    const { beta1, beta2, epsilon, weightDecay } = this.settings;
    const firstCorrection = 1 / (1 - beta1 ** this.step);
    const secondCorrection = 1 / (1 - beta2 ** this.step);
    this.tensors.forEach((tensor, index) => {
      const moments = this.moments[index];
      if (!moments) return;
      const value = tensor.value.data;
      const gradient = tensor.gradient.data;
      const first = moments.first.data;
      const second = moments.second.data;
      const shrink = tensor.decay ? 1 - learningRate * weightDecay : 1;
      for (let i = 0; i < value.length; i++) {
        const g = gradient[i] as number;
        const m = beta1 * (first[i] as number) + (1 - beta1) * g;
        const v = beta2 * (second[i] as number) + (1 - beta2) * g * g;
        first[i] = m;
        second[i] = v;
        const update = (m * firstCorrection) / (Math.sqrt(v * secondCorrection) + epsilon);
        value[i] = (value[i] as number) * shrink - learningRate * update;
      }
      gradient.fill(0);
      tensor.afterUpdate?.();
    });
  }
}

/** Σ g² over every gradient, in float64. */
export function gradientNorm(tensors: readonly TrainableTensor[]): number {
  let sum = 0;
  for (const tensor of tensors) {
    const gradient = tensor.gradient.data;
    for (let i = 0; i < gradient.length; i++) {
      const g = gradient[i] as number;
      sum += g * g;
    }
  }
  return Math.sqrt(sum);
}

/** Scales every gradient down so their global norm is at most `maximum`; returns the norm before. */
export function clipGradients(tensors: readonly TrainableTensor[], maximum: number): number {
  const norm = gradientNorm(tensors);
  if (maximum > 0 && norm > maximum) {
    const scale = maximum / norm;
    for (const tensor of tensors) {
      const gradient = tensor.gradient.data;
      for (let i = 0; i < gradient.length; i++) gradient[i] = (gradient[i] as number) * scale;
    }
  }
  return norm;
}
