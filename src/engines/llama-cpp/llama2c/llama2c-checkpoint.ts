import { open } from 'node:fs/promises';
import { TunegateError } from '../../../spec/tunegate-error.js';

/** The seven int32 of a llama2.c v0 ("legacy") checkpoint header. */
export interface Llama2cConfig {
  dim: number;
  hiddenDim: number;
  layerCount: number;
  headCount: number;
  kvHeadCount: number;
  vocabSize: number;
  /** Negative vocab size in the header: the classifier is stored after the weights. */
  sharedClassifier: boolean;
  sequenceLength: number;
}

/** One weight array of the file: where it starts and its row-major (PyTorch) shape. */
export interface Llama2cWeight {
  byteOffset: number;
  /** Per-layer arrays hold `layerCount` stacked matrices of this shape. */
  shape: number[];
  perLayer: boolean;
}

export type Llama2cWeightName =
  | 'tokenEmbedding'
  | 'attentionNorm'
  | 'query'
  | 'key'
  | 'value'
  | 'attentionOutput'
  | 'feedForwardNorm'
  | 'feedForwardGate'
  | 'feedForwardDown'
  | 'feedForwardUp'
  | 'finalNorm'
  | 'classifier';

export interface Llama2cCheckpoint {
  path: string;
  config: Llama2cConfig;
  weights: Record<Llama2cWeightName, Llama2cWeight>;
}

export const llama2cHeaderBytes = 28;
/** "ak42": newer llama2.c exports (v1, v2) start with this magic instead of the v0 header. */
const llama2cVersionedMagic = 0x616b3432;

function invalid(path: string, message: string): TunegateError {
  return new TunegateError('INVALID_DATA', `${path}: not a usable llama2.c checkpoint: ${message}`);
}

/** Lays out the weights in llama2.c order; returns the offsets and the size the file must have. */
function layOut(config: Llama2cConfig): {
  weights: Record<Llama2cWeightName, Llama2cWeight>;
  size: number;
} {
  const { dim, hiddenDim, layerCount, headCount, kvHeadCount, vocabSize, sequenceLength } = config;
  const headSize = dim / headCount;
  const kvDim = headSize * kvHeadCount;
  let offset = llama2cHeaderBytes;
  const take = (shape: number[], perLayer: boolean): Llama2cWeight => {
    const weight = { byteOffset: offset, shape, perLayer };
    const elements = shape.reduce((product, n) => product * n, 1) * (perLayer ? layerCount : 1);
    offset += elements * 4;
    return weight;
  };
  const tokenEmbedding = take([vocabSize, dim], false);
  const attentionNorm = take([dim], true);
  const query = take([dim, dim], true);
  const key = take([kvDim, dim], true);
  const value = take([kvDim, dim], true);
  const attentionOutput = take([dim, dim], true);
  const feedForwardNorm = take([dim], true);
  const feedForwardGate = take([hiddenDim, dim], true);
  const feedForwardDown = take([dim, hiddenDim], true);
  const feedForwardUp = take([hiddenDim, dim], true);
  const finalNorm = take([dim], false);
  take([sequenceLength * (headSize / 2) * 2], false); // freq_cis_real + freq_cis_imag, unused
  const classifier = config.sharedClassifier ? tokenEmbedding : take([vocabSize, dim], false);
  return {
    weights: {
      tokenEmbedding,
      attentionNorm,
      query,
      key,
      value,
      attentionOutput,
      feedForwardNorm,
      feedForwardGate,
      feedForwardDown,
      feedForwardUp,
      finalNorm,
      classifier,
    },
    size: offset,
  };
}

function checkConfig(path: string, config: Llama2cConfig): void {
  const fields = Object.entries(config).filter(([name]) => name !== 'sharedClassifier');
  for (const [name, value] of fields) {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 1 << 24) {
      throw invalid(path, `header field ${name} is ${value}, expected a positive size`);
    }
  }
  if (config.dim % config.headCount !== 0 || (config.dim / config.headCount) % 2 !== 0) {
    throw invalid(
      path,
      `dim ${config.dim} does not split into ${config.headCount} heads of even size`,
    );
  }
  if (config.headCount % config.kvHeadCount !== 0) {
    throw invalid(
      path,
      `${config.headCount} heads are not a multiple of ${config.kvHeadCount} kv heads`,
    );
  }
}

/** Reads and validates a llama2.c v0 checkpoint's header; weights stay on disk (see offsets). */
export async function readLlama2cCheckpoint(path: string): Promise<Llama2cCheckpoint> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new TunegateError(
      error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_DATA',
      `${path}: cannot open checkpoint: ${error.message}`,
      { cause: error },
    );
  });
  try {
    const { size } = await handle.stat();
    if (size < llama2cHeaderBytes) {
      throw invalid(
        path,
        `file is truncated: ${size} bytes, shorter than the ${llama2cHeaderBytes}-byte header`,
      );
    }
    const header = new Uint8Array(llama2cHeaderBytes);
    await handle.read(header, 0, llama2cHeaderBytes, 0);
    const view = new DataView(header.buffer);
    const field = (index: number) => view.getInt32(index * 4, true);
    if (field(0) === llama2cVersionedMagic) {
      throw invalid(
        path,
        `it is a versioned llama2.c export (v${field(1)}); only the v0 (legacy) format is supported`,
      );
    }
    const rawVocab = field(5);
    const config: Llama2cConfig = {
      dim: field(0),
      hiddenDim: field(1),
      layerCount: field(2),
      headCount: field(3),
      kvHeadCount: field(4),
      vocabSize: Math.abs(rawVocab),
      sharedClassifier: rawVocab > 0,
      sequenceLength: field(6),
    };
    checkConfig(path, config);
    const { weights, size: expected } = layOut(config);
    const described = `dim ${config.dim}, hidden ${config.hiddenDim}, ${config.layerCount} layers, ${config.headCount} heads, ${config.kvHeadCount} kv heads, vocab ${rawVocab}, seq ${config.sequenceLength}`;
    if (size < expected) {
      throw invalid(
        path,
        `file is truncated: its header (${described}) needs ${expected} bytes, the file has ${size}`,
      );
    }
    if (size > expected) {
      throw invalid(
        path,
        `header (${described}) does not match the file size: it needs ${expected} bytes, the file has ${size} (not a v0 checkpoint, or a wrong header?)`,
      );
    }
    return { path, config, weights };
  } finally {
    await handle.close();
  }
}
