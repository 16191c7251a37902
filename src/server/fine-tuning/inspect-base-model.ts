import { readGgufFile } from '../../engines/llama-cpp/gguf/gguf-reader.js';
import { ggmlTypeIds } from '../../engines/llama-cpp/gguf/gguf-value.js';
import { readLlamaHyperparameters } from '../../engines/trainer/model/llama-hyperparameters.js';
import { TunegateError } from '../../spec/tunegate-error.js';

export interface BaseModelFacts {
  contextLength: number;
}

/**
 * Whether the trainer can fine-tune this GGUF, from its header alone: a llama-architecture
 * model with every tensor in F32 (what the CPU trainer reads). Throws a TunegateError saying
 * why not.
 */
export async function inspectBaseModel(path: string): Promise<BaseModelFacts> {
  const info = await readGgufFile(path);
  const hyperparameters = readLlamaHyperparameters(info);
  const other = info.tensors.find((tensor) => tensor.typeId !== ggmlTypeIds.F32);
  if (other !== undefined) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `the trainer needs an F32 GGUF, and tensor "${other.name}" has ggml type ${other.typeId}`,
    );
  }
  return { contextLength: hyperparameters.contextLength };
}
