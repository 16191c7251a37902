import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { AttentionShape, CausalAttention } from '../ops/causal-attention.js';
import type { LinearLayer } from '../ops/linear-layer.js';
import { rmsNormBackward, rmsNormForward } from '../ops/rms-norm.js';
import type { RotaryEmbedding } from '../ops/rotary-embedding.js';
import { swigluBackward } from '../ops/swiglu.js';
import {
  allocateLayerActivations,
  type BackwardScratch,
  type LayerActivations,
} from './graph-buffers.js';
import type { LlamaHyperparameters } from './llama-hyperparameters.js';
import type { LinearModuleName, LlamaLayerWeights } from './llama-weights.js';
import type { TrainableRegistry } from './trainable-registry.js';
import type { TrainingBatch } from './training-batch.js';

/** What every block of one graph shares: attention scratch, rope tables, gradient buffers. */
export interface BlockShared {
  attention: CausalAttention;
  rope: RotaryEmbedding;
  scratch: BackwardScratch;
}

/**
 * One llama block: x + attention(norm(x)), then + swiglu feed-forward(norm(·)), keeping what
 * its backward pass needs.
 */
export class LlamaBlock {
  readonly activations: LayerActivations;
  readonly linear: Record<LinearModuleName, LinearLayer>;
  private readonly attentionNormGradient: Slice | undefined;
  private readonly feedForwardNormGradient: Slice | undefined;

  constructor(
    private readonly memory: ComputeMemory,
    private readonly weights: LlamaLayerWeights,
    private readonly hyper: LlamaHyperparameters,
    attentionShape: AttentionShape,
    registry: TrainableRegistry,
    private readonly shared: BlockShared,
  ) {
    const tokens = attentionShape.rows * attentionShape.length;
    const linear = {} as Record<LinearModuleName, LinearLayer>;
    for (const [module, base] of Object.entries(weights.linear)) {
      linear[module as LinearModuleName] = registry.linear(base, tokens);
    }
    this.linear = linear;
    this.activations = allocateLayerActivations(memory, hyper, tokens, attentionShape);
    const { attentionNorm, feedForwardNorm } = weights;
    this.attentionNormGradient = registry.vector(attentionNorm.name, attentionNorm.value, false);
    this.feedForwardNormGradient = registry.vector(
      feedForwardNorm.name,
      feedForwardNorm.value,
      false,
    );
  }

  forward(x: Slice, batch: TrainingBatch, train: boolean): Slice {
    const { hyper, weights, linear, shared } = this;
    const tokens = batch.rows * batch.length;
    const a = this.activations;
    const queryWidth = hyper.headCount * hyper.headDim;
    const kvWidth = hyper.kvHeadCount * hyper.headDim;
    a.input = x;
    rmsNormForward(
      x.data,
      weights.attentionNorm.value.data,
      a.attentionNormed.data,
      a.attentionInverse.data,
      tokens,
      hyper.dim,
      hyper.normEpsilon,
    );
    linear.attn_q.forward(a.attentionNormed, a.query, tokens, train);
    linear.attn_k.forward(a.attentionNormed, a.key, tokens, train);
    linear.attn_v.forward(a.attentionNormed, a.value, tokens, train);
    shared.rope.apply(a.query.data, batch.positions, tokens, queryWidth, false);
    shared.rope.apply(a.key.data, batch.positions, tokens, kvWidth, false);
    shared.attention.forward(
      a.query,
      a.key,
      a.value,
      a.attended,
      a.probabilities,
      batch.segmentStarts,
    );
    linear.attn_output.forward(a.attended, a.residual, tokens, train);
    addInto(a.residual.data, x.data, tokens * hyper.dim);
    rmsNormForward(
      a.residual.data,
      weights.feedForwardNorm.value.data,
      a.feedForwardNormed.data,
      a.feedForwardInverse.data,
      tokens,
      hyper.dim,
      hyper.normEpsilon,
    );
    linear.ffn_gate.forward(a.feedForwardNormed, a.gate, tokens, train);
    linear.ffn_up.forward(a.feedForwardNormed, a.up, tokens, train);
    this.memory.swiglu(a.gate, a.up, a.gateSigmoid, a.activated, tokens * hyper.hiddenDim);
    linear.ffn_down.forward(a.activated, a.output, tokens, train);
    addInto(a.output.data, a.residual.data, tokens * hyper.dim);
    return a.output;
  }

  /** Turns `scratch.stream` from d(block output) into d(block input), adding weight gradients. */
  backward(batch: TrainingBatch): void {
    const { hyper, weights, linear, shared } = this;
    const tokens = batch.rows * batch.length;
    const a = this.activations;
    const s = shared.scratch;
    // Feed-forward branch; the residual passes the stream through unchanged.
    linear.ffn_down.backward(s.stream, s.activatedGradient, false);
    swigluBackward(
      a.gate.data,
      a.up.data,
      a.gateSigmoid.data,
      s.activatedGradient.data,
      s.gateGradient.data,
      s.upGradient.data,
      tokens * hyper.hiddenDim,
    );
    linear.ffn_gate.backward(s.gateGradient, s.normedGradient, false);
    linear.ffn_up.backward(s.upGradient, s.normedGradient, true);
    rmsNormBackward(
      a.residual.data,
      weights.feedForwardNorm.value.data,
      a.feedForwardInverse.data,
      s.normedGradient.data,
      s.stream.data,
      this.feedForwardNormGradient?.data,
      tokens,
      hyper.dim,
      true,
    );
    // Attention branch.
    linear.attn_output.backward(s.stream, s.attendedGradient, false);
    shared.attention.backward(
      a.query,
      a.key,
      a.value,
      a.probabilities,
      s.attendedGradient,
      s.queryGradient,
      s.keyGradient,
      s.valueGradient,
    );
    shared.rope.apply(
      s.queryGradient.data,
      batch.positions,
      tokens,
      hyper.headCount * hyper.headDim,
      true,
    );
    shared.rope.apply(
      s.keyGradient.data,
      batch.positions,
      tokens,
      hyper.kvHeadCount * hyper.headDim,
      true,
    );
    linear.attn_q.backward(s.queryGradient, s.normedGradient, false);
    linear.attn_k.backward(s.keyGradient, s.normedGradient, true);
    linear.attn_v.backward(s.valueGradient, s.normedGradient, true);
    rmsNormBackward(
      a.input.data,
      weights.attentionNorm.value.data,
      a.attentionInverse.data,
      s.normedGradient.data,
      s.stream.data,
      this.attentionNormGradient?.data,
      tokens,
      hyper.dim,
      true,
    );
  }
}

function addInto(target: Float32Array, source: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) target[i] = (target[i] as number) + (source[i] as number);
}
