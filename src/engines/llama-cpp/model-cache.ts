import { existsSync, readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import { type GgufFileInfo, readGgufFile } from './gguf/gguf-reader.js';
import { modelRegistry } from './model-registry.js';

export type Environment = Record<string, string | undefined>;

const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** TUNEGATE_MODELS_DIR, else $XDG_CACHE_HOME/tunegate/models, else ~/.cache/tunegate/models. */
export function modelsDirectory(env: Environment): string {
  if (env.TUNEGATE_MODELS_DIR) return resolve(env.TUNEGATE_MODELS_DIR);
  if (env.XDG_CACHE_HOME) return resolve(env.XDG_CACHE_HOME, 'tunegate', 'models');
  return join(env.HOME || homedir(), '.cache', 'tunegate', 'models');
}

export function isModelName(name: string): boolean {
  return modelNamePattern.test(name) && !name.endsWith('.gguf');
}

export function assertModelName(name: string): void {
  if (!isModelName(name)) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `"${name}" is not a usable model name: use letters, digits, ".", "_" and "-", starting with a letter or digit, without ".gguf"`,
    );
  }
}

export function cachedModelPath(name: string, env: Environment): string {
  assertModelName(name);
  return join(modelsDirectory(env), `${name}.gguf`);
}

/** Names of the GGUF files in the cache (temporary and hidden files are skipped). */
export function cachedModelNames(env: Environment): string[] {
  const directory = modelsDirectory(env);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.gguf') && !file.startsWith('.'))
    .map((file) => file.slice(0, -'.gguf'.length))
    .sort();
}

function looksLikePath(reference: string): boolean {
  return reference.endsWith('.gguf') || reference.includes('/') || reference.includes('\\');
}

/** The id a server gives a local model: a cache NAME as is, `PATH.gguf` as its file name. */
export function localModelId(nameOrPath: string): string {
  return nameOrPath.endsWith('.gguf') ? basename(nameOrPath, '.gguf') : nameOrPath;
}

/**
 * A `local:` model reference to an absolute GGUF path: a path to an existing .gguf file, or a
 * NAME from the model cache.
 */
export function resolveLocalModel(
  nameOrPath: string,
  options: { env: Environment; cwd?: string },
): string {
  if (looksLikePath(nameOrPath)) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(options.cwd ?? '.', nameOrPath);
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw new TunegateError('FILE_NOT_FOUND', `no GGUF model file at ${path}`);
    }
    return path;
  }
  const path = cachedModelPath(nameOrPath, options.env);
  if (existsSync(path)) return path;
  const cached = cachedModelNames(options.env);
  const known = modelRegistry.some((model) => model.name === nameOrPath);
  const hint = known
    ? `download it with  tunegate models pull ${nameOrPath}`
    : `import it with  tunegate models import llama2c MODEL.bin TOKENIZER.bin --name ${nameOrPath}  (or pull a known model: ${modelRegistry.map((model) => model.name).join(', ')})`;
  throw new TunegateError(
    'FILE_NOT_FOUND',
    `no local model "${nameOrPath}" in ${modelsDirectory(options.env)} (cached: ${cached.length > 0 ? cached.join(', ') : 'none'}); ${hint}`,
  );
}

export interface CachedModel {
  name: string;
  path: string;
  bytes: number;
  /** Header facts, or why the file could not be read. */
  gguf: GgufFileInfo | { error: string };
}

export async function listCachedModels(env: Environment): Promise<CachedModel[]> {
  const directory = modelsDirectory(env);
  const models: CachedModel[] = [];
  for (const name of cachedModelNames(env)) {
    const path = join(directory, `${name}.gguf`);
    const { size } = await stat(path);
    const gguf = await readGgufFile(path).catch((error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
    }));
    models.push({ name, path, bytes: size, gguf });
  }
  return models;
}
