import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { LoraWeights } from '../lora/lora-weights.js';
import { syncLoraFromTransposed } from '../lora/lora-weights.js';
import { LinearLayer, type LinearTraining } from '../ops/linear-layer.js';
import type { TrainableTensor } from '../optimizer/trainable-tensor.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { type LinearWeight, syncWeightFromTransposed } from './llama-weights.js';

export interface TrainingPlan {
  /** Train every weight (full finetune). */
  full: boolean;
  lora?: { adapters: LoraWeights[]; dropout: number; random: SeededRandom };
}

/**
 * Creates the layers of a graph with the gradients the plan asks for, and lists every tensor
 * the optimizer must update, in a fixed order (so runs are reproducible).
 */
export class TrainableRegistry {
  readonly tensors: TrainableTensor[] = [];
  private readonly loraByName: Map<string, LoraWeights>;
  private loraCount = 0;

  constructor(
    private readonly memory: ComputeMemory,
    private readonly plan: TrainingPlan,
  ) {
    this.loraByName = new Map((plan.lora?.adapters ?? []).map((lora) => [lora.name, lora]));
  }

  linear(base: LinearWeight, rows: number): LinearLayer {
    const { memory, plan } = this;
    const training: LinearTraining = {};
    if (plan.full) {
      const gradient = memory.allocate(base.inputs * base.outputs).fill(0);
      this.tensors.push({
        name: base.name,
        value: base.weightT,
        gradient,
        decay: true,
        afterUpdate: () => syncWeightFromTransposed(base),
      });
      training.weightGradient = gradient;
    }
    const lora = this.loraByName.get(base.name);
    if (lora && plan.lora) {
      const gradientAT = memory.allocate(lora.rank * lora.inputs).fill(0);
      const gradientBT = memory.allocate(lora.rank * lora.outputs).fill(0);
      this.tensors.push(
        { name: `${lora.name}.lora_a`, value: lora.aT, gradient: gradientAT, decay: true },
        // Listed after lora_a, so one refresh covers both updates.
        {
          name: `${lora.name}.lora_b`,
          value: lora.bT,
          gradient: gradientBT,
          decay: true,
          afterUpdate: () => syncLoraFromTransposed(lora),
        },
      );
      training.lora = {
        weights: lora,
        gradientAT,
        gradientBT,
        dropout: plan.lora.dropout,
        random: plan.lora.random.fork(this.loraCount++),
      };
    }
    return new LinearLayer(memory, base, rows, training);
  }

  /** A gradient for a vector or embedding when the whole model trains, else undefined. */
  vector(name: string, value: Slice, decay: boolean): Slice | undefined {
    if (!this.plan.full) return undefined;
    const gradient = this.memory.allocate(value.length).fill(0);
    this.tensors.push({ name, value, gradient, decay });
    return gradient;
  }
}
