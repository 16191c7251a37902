import { closeSync, openSync, readSync } from 'node:fs';
import { TunegateError } from '../../../spec/tunegate-error.js';
import { type GgufFileInfo, readGgufFile } from '../../llama-cpp/gguf/gguf-reader.js';
import { ggmlTypeIds } from '../../llama-cpp/gguf/gguf-value.js';
import type { ComputeMemory } from '../kernels/compute-memory.js';
import { readLlamaHyperparameters } from './llama-hyperparameters.js';
import { allocateLlamaWeights, type LlamaWeights } from './llama-weights.js';

export interface LoadedLlamaModel {
  info: GgufFileInfo;
  weights: LlamaWeights;
}

/** Reads an F32 llama GGUF into compute memory (a tied classifier becomes its own copy). */
export async function loadLlamaGguf(
  memory: ComputeMemory,
  path: string,
): Promise<LoadedLlamaModel> {
  const info = await readGgufFile(path);
  const hyper = readLlamaHyperparameters(info);
  const byName = new Map(info.tensors.map((tensor) => [tensor.name, tensor]));
  // Synchronous reads: each target view is only valid until the next allocation grows memory.
  const descriptor = openSync(path, 'r');
  try {
    const weights = allocateLlamaWeights(memory, hyper, (name, shape, target) => {
      const tensor =
        byName.get(name) ??
        (name === 'output.weight' ? byName.get('token_embd.weight') : undefined);
      if (!tensor) throw new TunegateError('INVALID_DATA', `${path}: tensor "${name}" is missing`);
      if (tensor.typeId !== ggmlTypeIds.F32) {
        throw new TunegateError(
          'INVALID_DATA',
          `${path}: tensor "${tensor.name}" has ggml type ${tensor.typeId}; the trainer needs an F32 GGUF (type 0)`,
        );
      }
      if (tensor.shape.join(',') !== shape.join(',')) {
        throw new TunegateError(
          'INVALID_DATA',
          `${path}: tensor "${tensor.name}" has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`,
        );
      }
      const bytes = new Uint8Array(target.buffer, target.byteOffset, target.length * 4);
      const position = info.tensorDataOffset + Number(tensor.offset);
      const read = readSync(descriptor, bytes, 0, bytes.length, position);
      if (read !== bytes.length) {
        throw new TunegateError('INVALID_DATA', `${path}: tensor "${name}" is truncated`);
      }
    });
    return { info, weights };
  } finally {
    closeSync(descriptor);
  }
}
