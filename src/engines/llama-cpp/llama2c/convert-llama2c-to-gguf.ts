import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type GgufValue, gguf } from '../gguf/gguf-value.js';
import { type GgufTensorToWrite, writeGgufFile } from '../gguf/gguf-writer.js';
import {
  type Llama2cCheckpoint,
  type Llama2cConfig,
  type Llama2cWeightName,
  readLlama2cCheckpoint,
} from './llama2c-checkpoint.js';
import { readLlama2cTokenizer } from './llama2c-tokenizer.js';
import { specialTokenIds, toGgufVocabulary } from './llama2c-vocabulary.js';

export interface ConvertLlama2cOptions {
  checkpointPath: string;
  tokenizerPath: string;
  outputPath: string;
  /** Written as general.name. */
  name: string;
}

export interface ConvertedModel {
  path: string;
  bytes: number;
  config: Llama2cConfig;
  parameterCount: number;
  tensorCount: number;
}

const readChunkBytes = 1 << 20;

function fileRange(handle: FileHandle, start: number, length: number) {
  return async function* () {
    for (let done = 0; done < length; done += readChunkBytes) {
      const size = Math.min(readChunkBytes, length - done);
      const chunk = new Uint8Array(size);
      const { bytesRead } = await handle.read(chunk, 0, size, start + done);
      yield chunk.subarray(0, bytesRead);
    }
  };
}

/** GGUF tensors of the llama architecture; PyTorch (out, in) shapes become ne [in, out]. */
function tensorsFor(checkpoint: Llama2cCheckpoint, handle: FileHandle): GgufTensorToWrite[] {
  const { weights, config } = checkpoint;
  const tensor = (
    name: string,
    weightName: Llama2cWeightName,
    layer?: number,
  ): GgufTensorToWrite => {
    const weight = weights[weightName];
    const elements = weight.shape.reduce((product, n) => product * n, 1);
    const start = weight.byteOffset + (layer ?? 0) * elements * 4;
    return {
      name,
      type: 'F32',
      shape: [...weight.shape].reverse(),
      data: fileRange(handle, start, elements * 4),
    };
  };
  const tensors = [tensor('token_embd.weight', 'tokenEmbedding')];
  const perLayer: [string, Llama2cWeightName][] = [
    ['attn_norm', 'attentionNorm'],
    ['attn_q', 'query'],
    ['attn_k', 'key'],
    ['attn_v', 'value'],
    ['attn_output', 'attentionOutput'],
    ['ffn_norm', 'feedForwardNorm'],
    ['ffn_gate', 'feedForwardGate'],
    ['ffn_down', 'feedForwardDown'],
    ['ffn_up', 'feedForwardUp'],
  ];
  for (let layer = 0; layer < config.layerCount; layer++) {
    for (const [suffix, weightName] of perLayer) {
      tensors.push(tensor(`blk.${layer}.${suffix}.weight`, weightName, layer));
    }
  }
  tensors.push(tensor('output_norm.weight', 'finalNorm'));
  // A shared classifier is the embedding itself; llama.cpp wants it spelled out as output.weight.
  tensors.push(tensor('output.weight', 'classifier'));
  return tensors;
}

function metadataFor(
  name: string,
  config: Llama2cConfig,
  vocabulary: ReturnType<typeof toGgufVocabulary>,
) {
  const metadata: Record<string, GgufValue> = {
    'general.architecture': gguf.string('llama'),
    'general.name': gguf.string(name),
    'general.file_type': gguf.uint32(0), // all F32
    'llama.vocab_size': gguf.uint32(config.vocabSize),
    'llama.context_length': gguf.uint32(config.sequenceLength),
    'llama.embedding_length': gguf.uint32(config.dim),
    'llama.block_count': gguf.uint32(config.layerCount),
    'llama.feed_forward_length': gguf.uint32(config.hiddenDim),
    'llama.attention.head_count': gguf.uint32(config.headCount),
    'llama.attention.head_count_kv': gguf.uint32(config.kvHeadCount),
    'llama.rope.dimension_count': gguf.uint32(config.dim / config.headCount),
    'llama.rope.freq_base': gguf.float32(10_000),
    'llama.attention.layer_norm_rms_epsilon': gguf.float32(1e-5),
    'tokenizer.ggml.model': gguf.string('llama'),
    'tokenizer.ggml.tokens': gguf.array('string', vocabulary.tokens),
    'tokenizer.ggml.scores': gguf.array('float32', vocabulary.scores),
    'tokenizer.ggml.token_type': gguf.array('int32', vocabulary.tokenTypes),
    'tokenizer.ggml.bos_token_id': gguf.uint32(specialTokenIds.begin),
    'tokenizer.ggml.eos_token_id': gguf.uint32(specialTokenIds.end),
    'tokenizer.ggml.unknown_token_id': gguf.uint32(specialTokenIds.unknown),
    'tokenizer.ggml.add_bos_token': gguf.bool(true),
    'tokenizer.ggml.add_eos_token': gguf.bool(false),
  };
  return metadata;
}

/**
 * Converts a llama2.c v0 checkpoint and its tokenizer into an F32 GGUF (llama architecture).
 * No Q/K permutation: llama2.c rotates the same (even, odd) pairs as llama.cpp's llama rope.
 */
export async function convertLlama2cToGguf(
  options: ConvertLlama2cOptions,
): Promise<ConvertedModel> {
  const checkpoint = await readLlama2cCheckpoint(options.checkpointPath);
  const tokenizer = await readLlama2cTokenizer(options.tokenizerPath, checkpoint.config.vocabSize);
  const vocabulary = toGgufVocabulary(tokenizer);
  await mkdir(dirname(options.outputPath), { recursive: true });
  const handle = await open(options.checkpointPath, 'r');
  try {
    const tensors = tensorsFor(checkpoint, handle);
    const { bytes } = await writeGgufFile(options.outputPath, {
      metadata: metadataFor(options.name, checkpoint.config, vocabulary),
      tensors,
    });
    const parameterCount = tensors.reduce(
      (sum, tensor) => sum + tensor.shape.reduce((product, n) => product * n, 1),
      0,
    );
    return {
      path: options.outputPath,
      bytes,
      config: checkpoint.config,
      parameterCount,
      tensorCount: tensors.length,
    };
  } finally {
    await handle.close();
  }
}
