import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import { type AttentionShape, CausalAttention } from '../ops/causal-attention.js';
import type { LlamaHyperparameters } from './llama-hyperparameters.js';

/** What one block keeps from its forward pass for the backward pass. */
export interface LayerActivations {
  input: Slice;
  attentionNormed: Slice;
  attentionInverse: Slice;
  query: Slice;
  key: Slice;
  value: Slice;
  probabilities: Slice;
  attended: Slice;
  residual: Slice;
  feedForwardNormed: Slice;
  feedForwardInverse: Slice;
  gate: Slice;
  up: Slice;
  /** σ(gate), kept so the backward pass needs no exponentials. */
  gateSigmoid: Slice;
  activated: Slice;
  output: Slice;
}

export function allocateLayerActivations(
  memory: ComputeMemory,
  hyper: LlamaHyperparameters,
  tokens: number,
  attention: AttentionShape,
): LayerActivations {
  const queryWidth = hyper.headCount * hyper.headDim;
  const kvWidth = hyper.kvHeadCount * hyper.headDim;
  const rows = (width: number) => memory.allocate(tokens * width);
  return {
    input: rows(0),
    attentionNormed: rows(hyper.dim),
    attentionInverse: rows(1),
    query: rows(queryWidth),
    key: rows(kvWidth),
    value: rows(kvWidth),
    probabilities: memory.allocate(CausalAttention.probabilityLength(attention)),
    attended: rows(queryWidth),
    residual: rows(hyper.dim),
    feedForwardNormed: rows(hyper.dim),
    feedForwardInverse: rows(1),
    gate: rows(hyper.hiddenDim),
    up: rows(hyper.hiddenDim),
    gateSigmoid: rows(hyper.hiddenDim),
    activated: rows(hyper.hiddenDim),
    output: rows(hyper.dim),
  };
}

/** Gradients of activations, reused by every layer in turn. */
export interface BackwardScratch {
  /** d(residual stream), carried from the top layer down. */
  stream: Slice;
  normedGradient: Slice;
  finalGradient: Slice;
  activatedGradient: Slice;
  gateGradient: Slice;
  upGradient: Slice;
  attendedGradient: Slice;
  queryGradient: Slice;
  keyGradient: Slice;
  valueGradient: Slice;
}

export function allocateBackwardScratch(
  memory: ComputeMemory,
  hyper: LlamaHyperparameters,
  tokens: number,
): BackwardScratch {
  const queryWidth = hyper.headCount * hyper.headDim;
  const kvWidth = hyper.kvHeadCount * hyper.headDim;
  const rows = (width: number) => memory.allocate(tokens * width);
  return {
    stream: rows(hyper.dim),
    normedGradient: rows(hyper.dim),
    finalGradient: rows(hyper.dim),
    activatedGradient: rows(hyper.hiddenDim),
    gateGradient: rows(hyper.hiddenDim),
    upGradient: rows(hyper.hiddenDim),
    attendedGradient: rows(queryWidth),
    queryGradient: rows(queryWidth),
    keyGradient: rows(kvWidth),
    valueGradient: rows(kvWidth),
  };
}
