import { gguf } from '../../llama-cpp/gguf/gguf-value.js';
import { type GgufTensorToWrite, writeGgufFile } from '../../llama-cpp/gguf/gguf-writer.js';
import type { LoraWeights } from '../lora/lora-weights.js';

function bytesOf(values: Float32Array): Uint8Array {
  const copy = Float32Array.from(values);
  return new Uint8Array(copy.buffer);
}

/**
 * Writes a GGUF LoRA adapter that llama.cpp (and so node-llama-cpp) loads at run time:
 * `general.type=adapter`, `adapter.type=lora`, `adapter.lora.alpha`, and per target tensor
 * `NAME.lora_a` (ne [inputs, rank]) and `NAME.lora_b` (ne [rank, outputs]).
 */
export async function writeLoraAdapter(
  path: string,
  adapters: readonly LoraWeights[],
  details: { name: string; alpha: number },
): Promise<{ bytes: number }> {
  const tensors: GgufTensorToWrite[] = adapters.flatMap((lora) => [
    {
      name: `${lora.name}.lora_a`,
      type: 'F32' as const,
      shape: [lora.inputs, lora.rank],
      data: bytesOf(lora.a.data),
    },
    {
      name: `${lora.name}.lora_b`,
      type: 'F32' as const,
      shape: [lora.rank, lora.outputs],
      data: bytesOf(lora.b.data),
    },
  ]);
  return writeGgufFile(path, {
    metadata: {
      'general.architecture': gguf.string('llama'),
      'general.type': gguf.string('adapter'),
      'general.name': gguf.string(details.name),
      'adapter.type': gguf.string('lora'),
      'adapter.lora.alpha': gguf.float32(details.alpha),
    },
    tensors,
  });
}
