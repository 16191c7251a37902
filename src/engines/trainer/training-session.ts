import type { ComputeMemory } from './kernels/compute-memory.js';
import { createLoraWeights, type LoraWeights } from './lora/lora-weights.js';
import { LlamaTrainingGraph } from './model/llama-training-graph.js';
import type { LlamaWeights } from './model/llama-weights.js';
import type { TrainingBatch } from './model/training-batch.js';
import { AdamWOptimizer, type AdamWSettings, clipGradients } from './optimizer/adamw-optimizer.js';
import { SeededRandom } from './random/seeded-random.js';
import type { TrainingOptions } from './training-options.js';

export interface StepResult {
  /** Mean loss over the batch's weighted tokens. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradientNorm: number;
}

/**
 * The model, its trainable tensors and the optimizer for one batch shape: what a training run
 * steps through. LoRA adapters (when the method is LoRA) are created here from the seed.
 */
export class TrainingSession {
  readonly graph: LlamaTrainingGraph;
  readonly adapters: LoraWeights[];
  private readonly optimizer: AdamWOptimizer;

  constructor(
    memory: ComputeMemory,
    readonly weights: LlamaWeights,
    shape: { rows: number; length: number },
    method: TrainingOptions['method'],
    settings: AdamWSettings & { seed: number },
  ) {
    const random = new SeededRandom(settings.seed);
    this.adapters = [];
    if (method.type === 'lora') {
      const initRandom = random.fork(1);
      const settingsFor = { rank: method.rank, alpha: method.alpha };
      for (const layer of weights.layers) {
        for (const module of method.targetModules) {
          if (module === 'output') continue;
          this.adapters.push(
            createLoraWeights(memory, layer.linear[module], module, settingsFor, initRandom),
          );
        }
      }
      if (method.targetModules.includes('output')) {
        this.adapters.push(
          createLoraWeights(memory, weights.output, 'output', settingsFor, initRandom),
        );
      }
    }
    this.graph = new LlamaTrainingGraph(memory, weights, shape, {
      full: method.type === 'full',
      ...(method.type === 'lora'
        ? { lora: { adapters: this.adapters, dropout: method.dropout, random: random.fork(2) } }
        : {}),
    });
    this.optimizer = new AdamWOptimizer(memory, this.graph.trainables, settings);
  }

  get trainableParameters(): number {
    return this.graph.trainables.reduce((sum, tensor) => sum + tensor.value.length, 0);
  }

  /** Forward, backward, clip and update on one batch. */
  trainStep(batch: TrainingBatch, learningRate: number, maxGradientNorm: number): StepResult {
    const { lossSum, weightSum } = this.graph.forward(batch, { train: true });
    if (weightSum === 0) return { loss: 0, gradientNorm: 0 };
    this.graph.backward();
    const gradientNorm = clipGradients(this.graph.trainables, maxGradientNorm);
    this.optimizer.update(learningRate);
    return { loss: lossSum / weightSum, gradientNorm };
  }

  /** Mean loss per weighted token over the batches, without training. */
  evaluate(batches: readonly TrainingBatch[]): number {
    let lossSum = 0;
    let weightSum = 0;
    for (const batch of batches) {
      const result = this.graph.forward(batch, { train: false });
      lossSum += result.lossSum;
      weightSum += result.weightSum;
    }
    return weightSum > 0 ? lossSum / weightSum : Number.NaN;
  }
}
