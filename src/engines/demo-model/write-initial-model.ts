import { type GgufValue, gguf } from '../llama-cpp/gguf/gguf-value.js';
import { type GgufTensorToWrite, writeGgufFile } from '../llama-cpp/gguf/gguf-writer.js';
import { SeededRandom } from '../trainer/random/seeded-random.js';
import type { DemoModelShape } from './demo-model-shape.js';
import { type PieceVocabulary, specialPieceIds } from './piece-vocabulary.js';

export interface InitialModelOptions {
  shape: DemoModelShape;
  vocabulary: PieceVocabulary;
  seed: number;
  /** general.name */
  name: string;
  /** Extra general.* metadata (licence, description); the trainer carries it into its output. */
  general?: Record<string, string>;
}

/** The llama and tokenizer metadata llama.cpp needs to load the model. */
function metadataFor(options: InitialModelOptions): Record<string, GgufValue> {
  const { shape, vocabulary } = options;
  const metadata: Record<string, GgufValue> = {
    'general.architecture': gguf.string('llama'),
    'general.name': gguf.string(options.name),
    'general.file_type': gguf.uint32(0), // all F32
  };
  for (const [key, value] of Object.entries(options.general ?? {})) {
    metadata[`general.${key}`] = gguf.string(value);
  }
  Object.assign(metadata, {
    'llama.vocab_size': gguf.uint32(vocabulary.pieces.length),
    'llama.context_length': gguf.uint32(shape.contextLength),
    'llama.embedding_length': gguf.uint32(shape.dim),
    'llama.block_count': gguf.uint32(shape.layerCount),
    'llama.feed_forward_length': gguf.uint32(shape.hiddenDim),
    'llama.attention.head_count': gguf.uint32(shape.headCount),
    'llama.attention.head_count_kv': gguf.uint32(shape.kvHeadCount),
    'llama.rope.dimension_count': gguf.uint32(shape.dim / shape.headCount),
    'llama.rope.freq_base': gguf.float32(10_000),
    'llama.attention.layer_norm_rms_epsilon': gguf.float32(1e-5),
    'tokenizer.ggml.model': gguf.string('llama'),
    'tokenizer.ggml.tokens': gguf.array('string', vocabulary.pieces),
    'tokenizer.ggml.scores': gguf.array('float32', vocabulary.scores),
    'tokenizer.ggml.token_type': gguf.array('int32', vocabulary.types),
    'tokenizer.ggml.bos_token_id': gguf.uint32(specialPieceIds.begin),
    'tokenizer.ggml.eos_token_id': gguf.uint32(specialPieceIds.end),
    'tokenizer.ggml.unknown_token_id': gguf.uint32(specialPieceIds.unknown),
    'tokenizer.ggml.add_bos_token': gguf.bool(true),
    'tokenizer.ggml.add_eos_token': gguf.bool(false),
    'tokenizer.ggml.add_space_prefix': gguf.bool(true),
  });
  return metadata;
}

/**
 * Writes a freshly initialised F32 llama GGUF: norms at 1, projections normal(0, 0.02), and the
 * two projections that feed the residual stream (attn_output, ffn_down) scaled down by
 * √(2·layers) as in GPT-2, so the stream's variance does not grow with depth.
 */
export async function writeInitialModel(
  path: string,
  options: InitialModelOptions,
): Promise<{ bytes: number; parameters: number }> {
  const { shape } = options;
  const vocabularySize = options.vocabulary.pieces.length;
  const kvDim = (shape.dim / shape.headCount) * shape.kvHeadCount;
  const random = new SeededRandom(options.seed);
  const residualStandardDeviation = 0.02 / Math.sqrt(2 * shape.layerCount);
  let parameters = 0;
  const tensor = (name: string, dims: number[]): GgufTensorToWrite => {
    const values = new Float32Array(dims.reduce((product, n) => product * n, 1));
    if (name.endsWith('norm.weight')) values.fill(1);
    else {
      const residual = name.endsWith('attn_output.weight') || name.endsWith('ffn_down.weight');
      const deviation = residual ? residualStandardDeviation : 0.02;
      for (let i = 0; i < values.length; i++) values[i] = deviation * random.normal();
    }
    parameters += values.length;
    return { name, type: 'F32', shape: dims, data: new Uint8Array(values.buffer) };
  };
  const tensors = [tensor('token_embd.weight', [shape.dim, vocabularySize])];
  for (let layer = 0; layer < shape.layerCount; layer++) {
    const prefix = `blk.${layer}`;
    tensors.push(
      tensor(`${prefix}.attn_norm.weight`, [shape.dim]),
      tensor(`${prefix}.attn_q.weight`, [shape.dim, shape.dim]),
      tensor(`${prefix}.attn_k.weight`, [shape.dim, kvDim]),
      tensor(`${prefix}.attn_v.weight`, [shape.dim, kvDim]),
      tensor(`${prefix}.attn_output.weight`, [shape.dim, shape.dim]),
      tensor(`${prefix}.ffn_norm.weight`, [shape.dim]),
      tensor(`${prefix}.ffn_gate.weight`, [shape.dim, shape.hiddenDim]),
      tensor(`${prefix}.ffn_down.weight`, [shape.hiddenDim, shape.dim]),
      tensor(`${prefix}.ffn_up.weight`, [shape.dim, shape.hiddenDim]),
    );
  }
  tensors.push(
    tensor('output_norm.weight', [shape.dim]),
    tensor('output.weight', [shape.dim, vocabularySize]),
  );
  const { bytes } = await writeGgufFile(path, { metadata: metadataFor(options), tensors });
  return { bytes, parameters };
}
