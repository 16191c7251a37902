import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import {
  type DownloadProgress,
  downloadVerifiedFile,
  SourceUnavailableError,
} from './download-verified-file.js';
import { convertLlama2cToGguf } from './llama2c/convert-llama2c-to-gguf.js';
import { cachedModelPath, type Environment, modelsDirectory } from './model-cache.js';
import {
  findRegistryModel,
  modelRegistry,
  type RegistryFile,
  type RegistryModel,
} from './model-registry.js';

export interface PullModelOptions {
  env: Environment;
  onProgress?: (progress: DownloadProgress) => void;
  /** Download and convert again even when the model is cached. */
  force?: boolean;
  signal?: AbortSignal;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  registry?: readonly RegistryModel[];
  /** Resolves a relative folder mirror. */
  cwd?: string;
}

export interface PulledModel {
  name: string;
  path: string;
  /** False when the model was already cached and nothing was downloaded. */
  downloaded: boolean;
  /** Where each file came from. */
  sources: Record<string, string>;
}

/** Mirror first (a folder or URL prefix holding NAME/FILE), then the public URL. */
export function candidateSources(
  model: RegistryModel,
  file: RegistryFile,
  env: Environment,
  cwd = '.',
): string[] {
  const mirror = env.TUNEGATE_MODEL_MIRROR?.trim();
  const sources: string[] = [];
  if (mirror) {
    if (/^https?:\/\//i.test(mirror)) {
      sources.push(`${mirror.replace(/\/+$/, '')}/${model.name}/${file.fileName}`);
    } else {
      const folder = isAbsolute(mirror) ? mirror : resolve(cwd, mirror);
      sources.push(join(folder, model.name, file.fileName));
    }
  }
  sources.push(file.url);
  return sources;
}

async function fetchFromFirstSource(
  model: RegistryModel,
  file: RegistryFile,
  destination: string,
  options: PullModelOptions,
): Promise<string> {
  const failures: SourceUnavailableError[] = [];
  for (const source of candidateSources(model, file, options.env, options.cwd)) {
    try {
      await downloadVerifiedFile({
        source,
        file: `${model.name}/${file.fileName}`,
        destination,
        sha256: file.sha256,
        fetch: options.fetch ?? fetch,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      return source;
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      failures.push(error);
    }
  }
  const reasons = failures.map((failure) => `${failure.source} (${failure.reason})`).join('; ');
  throw new TunegateError(
    'PROVIDER_ERROR',
    `cannot reach ${reasons}: offline? set TUNEGATE_MODEL_MIRROR to a folder or URL holding ${model.name}/${file.fileName}`,
    { isRetryable: true },
  );
}

function unknownModel(name: string, registry: readonly RegistryModel[]): TunegateError {
  return new TunegateError(
    'INVALID_ARGUMENT',
    `unknown model "${name}"; known models: ${registry.map((model) => model.name).join(', ')}. For another llama2.c model use  tunegate models import llama2c MODEL.bin TOKENIZER.bin --name ${name}`,
  );
}

/**
 * Downloads a registry model, verifies every file's sha256, converts it to GGUF and moves it
 * into the cache in one rename; downloads live in a temporary folder that is always removed.
 */
export async function pullModel(name: string, options: PullModelOptions): Promise<PulledModel> {
  const registry = options.registry ?? modelRegistry;
  const model = findRegistryModel(name, registry);
  if (!model) throw unknownModel(name, registry);
  const path = cachedModelPath(model.name, options.env);
  if (existsSync(path) && !options.force) return { name, path, downloaded: false, sources: {} };
  const directory = modelsDirectory(options.env);
  await mkdir(directory, { recursive: true });
  const workDirectory = await mkdtemp(join(directory, `.pull-${model.name}-`));
  try {
    const sources: Record<string, string> = {};
    const local: Record<'checkpoint' | 'tokenizer', string> = { checkpoint: '', tokenizer: '' };
    for (const role of ['checkpoint', 'tokenizer'] as const) {
      const file = model.files[role];
      local[role] = join(workDirectory, file.fileName);
      sources[file.fileName] = await fetchFromFirstSource(model, file, local[role], options);
    }
    await convertLlama2cToGguf({
      checkpointPath: local.checkpoint,
      tokenizerPath: local.tokenizer,
      outputPath: path,
      name: model.name,
    });
    return { name, path, downloaded: true, sources };
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}
