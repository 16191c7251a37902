import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import { CausalAttention } from '../ops/causal-attention.js';
import { crossEntropy } from '../ops/cross-entropy.js';
import type { LinearLayer } from '../ops/linear-layer.js';
import { rmsNormBackward, rmsNormForward } from '../ops/rms-norm.js';
import { RotaryEmbedding } from '../ops/rotary-embedding.js';
import type { TrainableTensor } from '../optimizer/trainable-tensor.js';
import { allocateBackwardScratch, type BackwardScratch } from './graph-buffers.js';
import { LlamaBlock } from './llama-block.js';
import type { LlamaWeights } from './llama-weights.js';
import { TrainableRegistry, type TrainingPlan } from './trainable-registry.js';
import type { TrainingBatch } from './training-batch.js';

export type { TrainingPlan } from './trainable-registry.js';

/**
 * The llama forward and backward pass over one batch shape. Loss rows are gathered first, so
 * the final norm and classifier only run where a token carries loss weight.
 */
export class LlamaTrainingGraph {
  readonly trainables: TrainableTensor[];
  readonly blocks: LlamaBlock[] = [];
  /** [lossRows][vocab]: logits after `forward`, their gradient after a training `forward`. */
  readonly logits: Slice;
  private readonly embedded: Slice;
  private readonly finalInput: Slice;
  private readonly finalNormed: Slice;
  private readonly finalInverse: Slice;
  private readonly output: LinearLayer;
  private readonly outputNormGradient: Slice | undefined;
  private readonly embeddingGradient: Slice | undefined;
  private readonly scratch: BackwardScratch;
  private readonly activeRows: Int32Array;
  private activeCount = 0;
  private batch: TrainingBatch | undefined;

  constructor(
    private readonly memory: ComputeMemory,
    readonly weights: LlamaWeights,
    readonly shape: { rows: number; length: number },
    plan: TrainingPlan,
  ) {
    const { hyper } = weights;
    const tokens = shape.rows * shape.length;
    const attentionShape = {
      ...shape,
      headCount: hyper.headCount,
      kvHeadCount: hyper.kvHeadCount,
      headDim: hyper.headDim,
    };
    const registry = new TrainableRegistry(memory, plan);
    this.scratch = allocateBackwardScratch(memory, hyper, tokens);
    const shared = {
      attention: new CausalAttention(memory, attentionShape),
      rope: new RotaryEmbedding(hyper.headDim, shape.length, hyper.ropeFrequencyBase),
      scratch: this.scratch,
    };
    for (const layer of weights.layers) {
      this.blocks.push(new LlamaBlock(memory, layer, hyper, attentionShape, registry, shared));
    }
    this.embedded = memory.allocate(tokens * hyper.dim);
    this.finalInput = memory.allocate(tokens * hyper.dim);
    this.finalNormed = memory.allocate(tokens * hyper.dim);
    this.finalInverse = memory.allocate(tokens);
    this.logits = memory.allocate(tokens * hyper.vocabSize);
    this.output = registry.linear(weights.output, tokens);
    this.outputNormGradient = registry.vector(
      weights.outputNorm.name,
      weights.outputNorm.value,
      false,
    );
    this.embeddingGradient = registry.vector(
      weights.tokenEmbedding.name,
      weights.tokenEmbedding.value,
      true,
    );
    this.trainables = registry.tensors;
    this.activeRows = new Int32Array(tokens);
  }

  /** Batch positions the classifier ran on in the last forward pass, in order. */
  get lossRows(): Int32Array {
    return this.activeRows.subarray(0, this.activeCount);
  }

  /**
   * Runs the model; returns Σ weight·token loss and Σ weight. With `train`, the logits are
   * replaced by the gradient of the mean loss. `allRows` computes logits at every position.
   */
  forward(
    batch: TrainingBatch,
    options: { train: boolean; allRows?: boolean },
  ): { lossSum: number; weightSum: number } {
    const { hyper } = this.weights;
    const { dim } = hyper;
    const tokens = batch.rows * batch.length;
    if (batch.rows !== this.shape.rows || batch.length !== this.shape.length) {
      throw new Error(
        `batch ${batch.rows}×${batch.length} does not match the graph ${this.shape.rows}×${this.shape.length}`,
      );
    }
    this.batch = batch;
    const embedding = this.weights.tokenEmbedding.value.data;
    const embedded = this.embedded.data;
    for (let t = 0; t < tokens; t++) {
      const token = batch.tokens[t] as number;
      embedded.set(embedding.subarray(token * dim, (token + 1) * dim), t * dim);
    }
    let x = this.embedded;
    for (const block of this.blocks) x = block.forward(x, batch, options.train);
    let active = 0;
    let weightSum = 0;
    for (let t = 0; t < tokens; t++) {
      const weight = batch.weights[t] as number;
      weightSum += weight;
      if (weight !== 0 || options.allRows) this.activeRows[active++] = t;
    }
    this.activeCount = active;
    const source = x.data;
    const gathered = this.finalInput.data;
    const targets = new Int32Array(active);
    const weights = new Float32Array(active);
    for (let i = 0; i < active; i++) {
      const row = this.activeRows[i] as number;
      gathered.set(source.subarray(row * dim, (row + 1) * dim), i * dim);
      targets[i] = batch.targets[row] as number;
      weights[i] = batch.weights[row] as number;
    }
    rmsNormForward(
      gathered,
      this.weights.outputNorm.value.data,
      this.finalNormed.data,
      this.finalInverse.data,
      active,
      dim,
      hyper.normEpsilon,
    );
    this.output.forward(this.finalNormed, this.logits, active, options.train);
    const gradient = options.train ? { normalizer: weightSum > 0 ? weightSum : 1 } : undefined;
    const lossSum = crossEntropy(
      this.memory,
      this.logits,
      targets,
      weights,
      active,
      hyper.vocabSize,
      gradient,
    );
    return { lossSum, weightSum };
  }

  /** Adds d(mean weighted loss)/d(parameter) into every trainable gradient. */
  backward(): void {
    const batch = this.batch;
    if (!batch) throw new Error('backward before forward');
    const { dim } = this.weights.hyper;
    const tokens = batch.rows * batch.length;
    const s = this.scratch;
    const active = this.activeCount;
    this.output.backward(this.logits, s.finalGradient, false);
    rmsNormBackward(
      this.finalInput.data,
      this.weights.outputNorm.value.data,
      this.finalInverse.data,
      s.finalGradient.data,
      s.normedGradient.data,
      this.outputNormGradient?.data,
      active,
      dim,
      false,
    );
    const stream = s.stream.data;
    stream.fill(0, 0, tokens * dim);
    const normed = s.normedGradient.data;
    for (let i = 0; i < active; i++) {
      const row = this.activeRows[i] as number;
      stream.set(normed.subarray(i * dim, (i + 1) * dim), row * dim);
    }
    for (let index = this.blocks.length - 1; index >= 0; index--)
      this.blocks[index]?.backward(batch);
    if (this.embeddingGradient) {
      const gradient = this.embeddingGradient.data;
      for (let t = 0; t < tokens; t++) {
        const base = (batch.tokens[t] as number) * dim;
        for (let i = 0; i < dim; i++) {
          gradient[base + i] = (gradient[base + i] as number) + (stream[t * dim + i] as number);
        }
      }
    }
  }
}
