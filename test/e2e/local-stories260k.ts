import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readGgufFile } from '../../src/engines/llama-cpp/gguf/gguf-reader.js';
import { gguf } from '../../src/engines/llama-cpp/gguf/gguf-value.js';
import { writeGgufFile } from '../../src/engines/llama-cpp/gguf/gguf-writer.js';
import { importLlama2cModel } from '../../src/engines/llama-cpp/import-llama2c-model.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

export interface Stories260K {
  /** TUNEGATE_MODELS_DIR (a fresh temp folder holding stories260K.gguf) and the F32 KV cache. */
  env: Record<string, string>;
  path: string;
  remove: () => void;
}

/** How every greedy (temperature 0) story from BOS begins with the F32 KV cache. */
export const greedyStoryStart = 'Once upon a time, there was a little girl named Lily.';

/**
 * Imports Karpathy's stories260K from TUNEGATE_MODEL_MIRROR into a temp model cache, with the
 * deterministic (F32 KV cache) local engine switched on.
 */
export async function importStories260K(): Promise<Stories260K> {
  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (mirror === undefined || mirror === '') {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to the folder holding stories260K/stories260K.bin and stories260K/tok512.bin',
    );
  }
  const directory = temporaryDirectory('tunegate-local-');
  const env = { TUNEGATE_MODELS_DIR: directory.path, TUNEGATE_LOCAL_DETERMINISTIC: '1' };
  const imported = await importLlama2cModel({
    checkpointPath: join(mirror, 'stories260K', 'stories260K.bin'),
    tokenizerPath: join(mirror, 'stories260K', 'tok512.bin'),
    name: 'stories260K',
    env,
  });
  return { env, path: imported.path, remove: directory.remove };
}

/**
 * A copy of a (F32) GGUF with `tokenizer.chat_template` set, so the local engine chats through
 * that template instead of its fallback format.
 */
export async function copyWithChatTemplate(
  sourcePath: string,
  outputPath: string,
  template: string,
): Promise<void> {
  const info = await readGgufFile(sourcePath);
  const source = await readFile(sourcePath);
  const metadata = [...info.metadata.entries()].filter(([key]) => key !== 'general.alignment');
  metadata.push(['tokenizer.chat_template', gguf.string(template)]);
  const tensors = info.tensors.map((tensor) => {
    if (tensor.typeId !== 0) throw new Error(`${tensor.name} is not F32`);
    const start = info.tensorDataOffset + Number(tensor.offset);
    const length = tensor.shape.reduce((product, size) => product * size, 4);
    return {
      name: tensor.name,
      type: 'F32' as const,
      shape: tensor.shape,
      data: new Uint8Array(source.buffer, source.byteOffset + start, length),
    };
  });
  await writeGgufFile(outputPath, { metadata, tensors, alignment: info.alignment });
}
