import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { LoraWeights } from '../lora/lora-weights.js';
import type { LinearWeight } from '../model/llama-weights.js';
import type { SeededRandom } from '../random/seeded-random.js';

export interface LinearTraining {
  /** [inputs][outputs] gradient of the base weight: a full finetune trains it. */
  weightGradient?: Slice;
  lora?: {
    weights: LoraWeights;
    gradientAT: Slice;
    gradientBT: Slice;
    dropout: number;
    random: SeededRandom;
  };
}

/**
 * y = x·Wᵀ (+ scale·dropout(x)·Aᵀ·Bᵀ) over `rows` rows. The input slice is remembered for the
 * backward pass, so it must stay untouched until then.
 */
export class LinearLayer {
  private input: Slice | undefined;
  private rows = 0;
  private readonly dropped: Slice | undefined;
  private readonly keep: Uint8Array | undefined;
  private readonly low: Slice | undefined;
  private readonly lowGradient: Slice | undefined;

  constructor(
    private readonly memory: ComputeMemory,
    readonly base: LinearWeight,
    maximumRows: number,
    private readonly training: LinearTraining = {},
  ) {
    const lora = training.lora;
    if (lora) {
      if (lora.dropout > 0) {
        this.dropped = memory.allocate(maximumRows * base.inputs);
        this.keep = new Uint8Array(maximumRows * base.inputs);
      }
      this.low = memory.allocate(maximumRows * lora.weights.rank);
      this.lowGradient = memory.allocate(maximumRows * lora.weights.rank);
    }
  }

  forward(x: Slice, y: Slice, rows: number, train: boolean): void {
    const { memory, base } = this;
    const { inputs, outputs } = base;
    this.input = x;
    this.rows = rows;
    const stridesIn = { aRow: inputs, aStep: 1, cRow: outputs };
    memory.gemm(
      y,
      0,
      x,
      0,
      base.weightT,
      0,
      { rows, columns: outputs, steps: inputs },
      { ...stridesIn, bRow: outputs },
      false,
    );
    const lora = this.training.lora;
    if (!lora || !this.low) return;
    const { rank, scale, aT, bT } = lora.weights;
    const source =
      train && this.dropped ? this.applyDropout(x, rows, lora.dropout, lora.random) : x;
    memory.gemm(
      this.low,
      0,
      source,
      0,
      aT,
      0,
      { rows, columns: rank, steps: inputs },
      { aRow: inputs, aStep: 1, bRow: rank, cRow: rank },
      false,
    );
    const low = this.low.data;
    for (let i = 0; i < rows * rank; i++) low[i] = (low[i] as number) * scale;
    memory.gemm(
      y,
      0,
      this.low,
      0,
      bT,
      0,
      { rows, columns: outputs, steps: rank },
      { aRow: rank, aStep: 1, bRow: outputs, cRow: outputs },
      true,
    );
  }

  private applyDropout(x: Slice, rows: number, rate: number, random: SeededRandom): Slice {
    const dropped = this.dropped as Slice;
    const keep = this.keep as Uint8Array;
    const source = x.data;
    const target = dropped.data;
    const kept = 1 / (1 - rate);
    for (let i = 0; i < rows * this.base.inputs; i++) {
      const on = random.next() >= rate;
      keep[i] = on ? 1 : 0;
      target[i] = on ? (source[i] as number) * kept : 0;
    }
    return dropped;
  }

  /** Adds the weight gradients and writes (or adds into) dx. */
  backward(dy: Slice, dx: Slice, accumulateDx: boolean): void {
    const { memory, base, rows } = this;
    const { inputs, outputs } = base;
    const x = this.input;
    if (!x) throw new Error('LinearLayer.backward before forward');
    if (this.training.weightGradient) {
      memory.gemm(
        this.training.weightGradient,
        0,
        x,
        0,
        dy,
        0,
        { rows: inputs, columns: outputs, steps: rows },
        { aRow: 1, aStep: inputs, bRow: outputs, cRow: outputs },
        true,
      );
    }
    memory.gemm(
      dx,
      0,
      dy,
      0,
      base.weight,
      0,
      { rows, columns: inputs, steps: outputs },
      { aRow: outputs, aStep: 1, bRow: inputs, cRow: inputs },
      accumulateDx,
    );
    const lora = this.training.lora;
    if (!lora || !this.low || !this.lowGradient) return;
    const { rank, scale, a, b } = lora.weights;
    // dBᵀ += (scale·u)ᵀ·dy; d(u) = scale·dy·B; dAᵀ += dropout(x)ᵀ·du; dx += (du·A) ⊙ keep.
    memory.gemm(
      lora.gradientBT,
      0,
      this.low,
      0,
      dy,
      0,
      { rows: rank, columns: outputs, steps: rows },
      { aRow: 1, aStep: rank, bRow: outputs, cRow: outputs },
      true,
    );
    memory.gemm(
      this.lowGradient,
      0,
      dy,
      0,
      b,
      0,
      { rows, columns: rank, steps: outputs },
      { aRow: outputs, aStep: 1, bRow: rank, cRow: rank },
      false,
    );
    const lowGradient = this.lowGradient.data;
    for (let i = 0; i < rows * rank; i++) lowGradient[i] = (lowGradient[i] as number) * scale;
    const source = this.dropped ?? x;
    memory.gemm(
      lora.gradientAT,
      0,
      source,
      0,
      this.lowGradient,
      0,
      { rows: inputs, columns: rank, steps: rows },
      { aRow: 1, aStep: inputs, bRow: rank, cRow: rank },
      true,
    );
    if (!this.dropped || !this.keep) {
      memory.gemm(
        dx,
        0,
        this.lowGradient,
        0,
        a,
        0,
        { rows, columns: inputs, steps: rank },
        { aRow: rank, aStep: 1, bRow: inputs, cRow: inputs },
        true,
      );
      return;
    }
    // With dropout the low-rank path's input gradient is masked, so it goes through `dropped`.
    const scratch = this.dropped;
    memory.gemm(
      scratch,
      0,
      this.lowGradient,
      0,
      a,
      0,
      { rows, columns: inputs, steps: rank },
      { aRow: rank, aStep: 1, bRow: inputs, cRow: inputs },
      false,
    );
    const keep = this.keep;
    const kept = 1 / (1 - lora.dropout);
    const from = scratch.data;
    const to = dx.data;
    for (let i = 0; i < rows * inputs; i++) {
      if (keep[i] === 1) to[i] = (to[i] as number) + (from[i] as number) * kept;
    }
  }
}
