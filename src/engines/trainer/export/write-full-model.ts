import type { GgufFileInfo } from '../../llama-cpp/gguf/gguf-reader.js';
import { gguf } from '../../llama-cpp/gguf/gguf-value.js';
import { type GgufTensorToWrite, writeGgufFile } from '../../llama-cpp/gguf/gguf-writer.js';
import type { LlamaWeights } from '../model/llama-weights.js';

/** Every tensor of the model by GGUF name, in GGUF layout. */
function tensorValues(weights: LlamaWeights): Map<string, Float32Array> {
  const values = new Map<string, Float32Array>();
  values.set(weights.tokenEmbedding.name, weights.tokenEmbedding.value.data);
  for (const layer of weights.layers) {
    values.set(layer.attentionNorm.name, layer.attentionNorm.value.data);
    values.set(layer.feedForwardNorm.name, layer.feedForwardNorm.value.data);
    for (const linear of Object.values(layer.linear)) values.set(linear.name, linear.weight.data);
  }
  values.set(weights.outputNorm.name, weights.outputNorm.value.data);
  values.set(weights.output.name, weights.output.weight.data);
  return values;
}

/**
 * Writes the finetuned model as an F32 GGUF with the base model's metadata (tokenizer, chat
 * template, hyperparameters) and tensor order; `general.name` names the finetune.
 */
export async function writeFullModel(
  path: string,
  base: GgufFileInfo,
  weights: LlamaWeights,
  name: string,
): Promise<{ bytes: number }> {
  const values = tensorValues(weights);
  const tensors: GgufTensorToWrite[] = [];
  const names = base.tensors.map((tensor) => tensor.name);
  if (!names.includes('output.weight')) names.push('output.weight');
  for (const tensorName of names) {
    const value = values.get(tensorName);
    const info = base.tensors.find((tensor) => tensor.name === tensorName);
    if (!value) continue;
    const shape = info?.shape ?? [weights.hyper.dim, weights.hyper.vocabSize];
    tensors.push({
      name: tensorName,
      type: 'F32',
      shape,
      data: new Uint8Array(Float32Array.from(value).buffer),
    });
  }
  const metadata = [...base.metadata.entries()].map(([key, value]) =>
    key === 'general.name' ? ([key, gguf.string(name)] as const) : ([key, value] as const),
  );
  return writeGgufFile(path, { metadata, tensors, alignment: base.alignment });
}
