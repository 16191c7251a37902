import { availableParallelism } from 'node:os';
import {
  getLlama,
  type Llama,
  type LlamaGrammar,
  LlamaLogLevel,
  type LlamaModel,
} from 'node-llama-cpp';
import { TunegateError } from '../../spec/tunegate-error.js';
import { chooseThreadCount } from './choose-thread-count.js';
import { LoadedLocalModel } from './loaded-local-model.js';
import type { LocalEngineSettings } from './local-engine-settings.js';
import { toGrammarSchema } from './to-grammar-schema.js';

/**
 * Process-wide llama.cpp state: the binding is loaded once, lazily; each GGUF file loads once;
 * each (file, engine settings) pair gets one context whose sequences every caller shares.
 */
let llamaLoad: Promise<Llama> | undefined;
const models = new Map<string, Promise<LlamaModel>>();
const instances = new Map<string, Promise<LoadedLocalModel>>();
const grammars = new Map<string, Promise<LlamaGrammar>>();
const grammarCacheLimit = 64;

export function getLocalLlama(): Promise<Llama> {
  llamaLoad ??= getLlama({
    // Only the CPU prebuilt binary is installed; never fall back to compiling llama.cpp.
    gpu: false,
    build: 'never',
    // node-llama-cpp's default ceiling (at least 4) oversubscribes small machines.
    maxThreads: availableParallelism(),
    logLevel: LlamaLogLevel.error,
    progressLogs: false,
  }).catch((error: unknown) => {
    llamaLoad = undefined;
    throw new TunegateError(
      'PROVIDER_ERROR',
      `local: cannot load llama.cpp (node-llama-cpp's CPU prebuilt binary): ${message(error)}`,
      { cause: error },
    );
  });
  return llamaLoad;
}

/** The model at `path`, loaded on first use and shared afterwards. */
export function loadLocalModel(path: string): Promise<LlamaModel> {
  let load = models.get(path);
  if (load === undefined) {
    load = getLocalLlama().then((llama) =>
      llama.loadModel({ modelPath: path }).catch((error: unknown) => {
        models.delete(path);
        throw new TunegateError(
          'PROVIDER_ERROR',
          `local: cannot load the GGUF model ${path}: ${message(error)}`,
          { cause: error },
        );
      }),
    );
    models.set(path, load);
  }
  return load;
}

/**
 * The model at `path` with a context and sequence pool for these settings, shared per process.
 * Each set of LoRA adapters gets its own context over the one loaded model.
 */
export function openLocalModel(
  path: string,
  settings: LocalEngineSettings,
): Promise<LoadedLocalModel> {
  const threads = settings.threads ?? chooseThreadCount(availableParallelism());
  const key = JSON.stringify([
    path,
    settings.deterministic,
    threads,
    settings.sequences,
    settings.contextSize,
    settings.adapters ?? [],
  ]);
  let open = instances.get(key);
  if (open === undefined) {
    open = loadLocalModel(path)
      .then((model) => LoadedLocalModel.create(model, { ...settings, threads }))
      .catch((error: unknown) => {
        instances.delete(key);
        throw error instanceof TunegateError
          ? error
          : new TunegateError(
              'PROVIDER_ERROR',
              `local: cannot create a context for ${path}: ${message(error)}`,
              {
                cause: error,
              },
            );
      });
    instances.set(key, open);
  }
  return open;
}

/** A grammar that only admits JSON matching `schema`, compiled once per distinct schema. */
export function grammarForJsonSchema(schema: Record<string, unknown>): Promise<LlamaGrammar> {
  const key = JSON.stringify(schema);
  let grammar = grammars.get(key);
  if (grammar === undefined) {
    if (grammars.size >= grammarCacheLimit) grammars.clear();
    grammar = getLocalLlama().then((llama) => {
      // node-llama-cpp types the schema precisely; ours arrives as plain JSON and is checked there.
      const create = llama.createGrammarForJsonSchema.bind(llama) as (
        schema: unknown,
      ) => Promise<LlamaGrammar>;
      return create(toGrammarSchema(schema));
    });
    grammar.catch(() => grammars.delete(key));
    grammars.set(key, grammar);
  }
  return grammar;
}

/** Frees every context, model and the binding; the next call loads afresh. */
export async function disposeLocalRuntime(): Promise<void> {
  const loading = llamaLoad;
  const open = [...instances.values()];
  llamaLoad = undefined;
  instances.clear();
  models.clear();
  grammars.clear();
  for (const instance of await Promise.allSettled(open)) {
    if (instance.status === 'fulfilled') await instance.value.dispose();
  }
  if (loading === undefined) return;
  const llama = await loading.catch(() => undefined);
  if (llama !== undefined && !llama.disposed) await llama.dispose();
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
