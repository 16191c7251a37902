import { TunegateError } from '../../../spec/tunegate-error.js';
import { type GgufFileInfo, ggufScalar } from '../../llama-cpp/gguf/gguf-reader.js';

/** The shape of a llama-architecture model, as its GGUF metadata states it. */
export interface LlamaHyperparameters {
  dim: number;
  hiddenDim: number;
  layerCount: number;
  headCount: number;
  kvHeadCount: number;
  headDim: number;
  vocabSize: number;
  contextLength: number;
  ropeFrequencyBase: number;
  normEpsilon: number;
}

function requiredNumber(info: GgufFileInfo, key: string): number {
  const value = ggufScalar(info, key);
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw new TunegateError('INVALID_DATA', `${info.path}: GGUF metadata "${key}" is missing`);
  }
  return Number(value);
}

function optionalNumber(info: GgufFileInfo, key: string, fallback: number): number {
  const value = ggufScalar(info, key);
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : fallback;
}

export function readLlamaHyperparameters(info: GgufFileInfo): LlamaHyperparameters {
  const architecture = ggufScalar(info, 'general.architecture');
  if (architecture !== 'llama') {
    throw new TunegateError(
      'INVALID_DATA',
      `${info.path}: the trainer supports the llama architecture, this model is "${String(architecture)}"`,
    );
  }
  const dim = requiredNumber(info, 'llama.embedding_length');
  const headCount = requiredNumber(info, 'llama.attention.head_count');
  const tokens = info.metadata.get('tokenizer.ggml.tokens');
  const vocabFromTokens = tokens?.type === 'array' ? tokens.value.length : 0;
  const headDim = dim / headCount;
  const ropeDimensions = optionalNumber(info, 'llama.rope.dimension_count', headDim);
  if (ropeDimensions !== headDim) {
    throw new TunegateError(
      'INVALID_DATA',
      `${info.path}: partial rotary embeddings (${ropeDimensions} of ${headDim}) are not supported`,
    );
  }
  return {
    dim,
    hiddenDim: requiredNumber(info, 'llama.feed_forward_length'),
    layerCount: requiredNumber(info, 'llama.block_count'),
    headCount,
    kvHeadCount: optionalNumber(info, 'llama.attention.head_count_kv', headCount),
    headDim,
    vocabSize: optionalNumber(info, 'llama.vocab_size', vocabFromTokens),
    contextLength: optionalNumber(info, 'llama.context_length', 2048),
    ropeFrequencyBase: optionalNumber(info, 'llama.rope.freq_base', 10_000),
    normEpsilon: optionalNumber(info, 'llama.attention.layer_norm_rms_epsilon', 1e-5),
  };
}
