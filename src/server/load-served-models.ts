import { cachedModelNames, localModelId } from '../engines/llama-cpp/model-cache.js';
import { createLanguageModel } from '../providers/create-language-model.js';
import { knownProviders } from '../providers/known-providers.js';
import { disposeLocalEngine } from '../providers/local/local-engine-loader.js';
import { LocalLanguageModel } from '../providers/local/local-language-model.js';
import type { LanguageModel } from '../spec/language-model.js';
import { TunegateError } from '../spec/tunegate-error.js';
import { createLanguageModelHost, type HostedLanguageModel } from './language-model-host.js';
import type { ModelHost } from './model-host.js';

/** One served model, as `tunegate serve` describes it at start. */
export interface ServedModelSummary {
  id: string;
  reference: string;
  parallelism: number;
  /** For local models: where the GGUF is and how it runs. */
  local?: {
    path: string;
    contextSize: number;
    hasChatTemplate: boolean;
    threads: number;
    deterministic: boolean;
  };
}

/**
 * The models `tunegate serve --model …` names: a cached model NAME or a PATH.gguf (served by the
 * local engine, id NAME or the file's base name), or any `provider:model` reference (id as
 * written). No names: every model in the cache. Local models load before this returns, so a
 * missing or broken file fails at start, not on the first request.
 */
export async function loadServedModels(
  names: readonly string[],
  options: { env: Record<string, string | undefined>; cwd: string },
): Promise<{ host: ModelHost; models: ServedModelSummary[] }> {
  const wanted = names.length > 0 ? names : cachedModelNames(options.env);
  if (wanted.length === 0) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      'no models to serve: pass --model NAME, or put one in the model cache first (tunegate models pull stories260K)',
    );
  }
  const hosted: HostedLanguageModel[] = [];
  const models: ServedModelSummary[] = [];
  try {
    for (const name of wanted) {
      const { id, reference } = identify(name);
      const model = createLanguageModel(
        { ref: reference },
        { env: options.env, baseDirectory: options.cwd },
      );
      const summary = await describe(id, model);
      hosted.push({ id, model, parallelism: summary.parallelism });
      models.push(summary);
    }
  } catch (error) {
    await disposeLocalEngine();
    throw error;
  }
  return { host: createLanguageModelHost(hosted, { dispose: disposeLocalEngine }), models };
}

function identify(name: string): { id: string; reference: string } {
  const colon = name.indexOf(':');
  const prefix = colon > 0 ? name.slice(0, colon) : '';
  if (prefix === 'local') return { id: localModelId(name.slice(colon + 1)), reference: name };
  if (knownProviders().includes(prefix)) return { id: name, reference: name };
  return { id: localModelId(name), reference: `local:${name}` };
}

async function describe(id: string, model: LanguageModel): Promise<ServedModelSummary> {
  if (!(model instanceof LocalLanguageModel))
    return { id, reference: model.reference, parallelism: 1 };
  const loaded = await model.load();
  return {
    id,
    reference: model.reference,
    parallelism: loaded.parallelism,
    local: {
      path: loaded.path,
      contextSize: loaded.contextSize,
      hasChatTemplate: loaded.hasChatTemplate,
      threads: loaded.threads,
      deterministic: loaded.deterministic,
    },
  };
}
