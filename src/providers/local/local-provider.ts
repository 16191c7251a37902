import { resolveLocalModel } from '../../engines/llama-cpp/model-cache.js';
import type { LanguageModel } from '../../spec/language-model.js';
import type { ProviderContext } from '../provider-context.js';
import { readLocalEngineSettings } from './local-engine-settings.js';
import { LocalLanguageModel } from './local-language-model.js';

/**
 * `local:NAME` (a model in the tunegate model cache) or `local:PATH.gguf`. The file is found and
 * loaded on the first call, so building the model is free and never fails on a missing file.
 */
export function createLocalModel(context: ProviderContext): LanguageModel {
  const { model, env, settings } = context;
  const cwd = context.baseDirectory ?? process.cwd();
  return new LocalLanguageModel({
    reference: context.reference,
    modelId: model,
    resolvePath: () => resolveLocalModel(model, { env, cwd }),
    settings: readLocalEngineSettings(env),
    mode: settings.mode,
  });
}
