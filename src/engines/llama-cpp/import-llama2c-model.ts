import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import { type ConvertedModel, convertLlama2cToGguf } from './llama2c/convert-llama2c-to-gguf.js';
import { assertModelName, cachedModelPath, type Environment } from './model-cache.js';

export interface ImportLlama2cOptions {
  checkpointPath: string;
  tokenizerPath: string;
  /** Defaults to the checkpoint's file name without its extension. */
  name?: string;
  force?: boolean;
  env: Environment;
}

export function defaultModelName(checkpointPath: string): string {
  return basename(checkpointPath, extname(checkpointPath));
}

/** Converts a llama2.c checkpoint into the model cache as NAME.gguf. */
export async function importLlama2cModel(
  options: ImportLlama2cOptions,
): Promise<ConvertedModel & { name: string }> {
  const name = options.name ?? defaultModelName(options.checkpointPath);
  assertModelName(name);
  const outputPath = cachedModelPath(name, options.env);
  if (existsSync(outputPath) && !options.force) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `model "${name}" already exists at ${outputPath}; pass --force to replace it or --name to pick another name`,
    );
  }
  const converted = await convertLlama2cToGguf({
    checkpointPath: options.checkpointPath,
    tokenizerPath: options.tokenizerPath,
    outputPath,
    name,
  });
  return { ...converted, name };
}
