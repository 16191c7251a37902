import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findFineTunedModelRecord } from '../../engines/llama-cpp/fine-tuned-model-record.js';
import { resolveLocalModel } from '../../engines/llama-cpp/model-cache.js';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { ProviderContext } from '../provider-context.js';
import { readLocalEngineSettings } from './local-engine-settings.js';
import { LocalLanguageModel, type LocalModelFiles } from './local-language-model.js';

/**
 * Where `tunegate finetune --engine local` and `tunegate serve` (run in the task folder) keep
 * their fine-tuning data, relative to the task folder.
 */
export const localFineTuningDataDirectory = join('.tunegate', 'serve-data');

/**
 * `local:NAME` (a model in the tunegate model cache), `local:PATH.gguf`, or `local:ft:…` (a
 * finetune made by the local fine-tuning API for this task: its base GGUF with the LoRA
 * adapter). The files are found and loaded on the first call, so building the model is free
 * and never fails on a missing file.
 */
export function createLocalModel(context: ProviderContext): LanguageModel {
  const { model, env, settings } = context;
  const cwd = context.baseDirectory ?? process.cwd();
  return new LocalLanguageModel({
    reference: context.reference,
    modelId: model,
    resolvePath: () =>
      model.startsWith('ft:')
        ? resolveFineTunedModel(model, cwd)
        : resolveLocalModel(model, { env, cwd }),
    settings: readLocalEngineSettings(env),
    mode: settings.mode,
  });
}

function resolveFineTunedModel(id: string, taskDirectory: string): LocalModelFiles {
  const dataDirectory = join(taskDirectory, localFineTuningDataDirectory);
  const record = findFineTunedModelRecord(dataDirectory, id);
  if (record === undefined) {
    throw new TunegateError(
      'FILE_NOT_FOUND',
      `no local finetune "${id}" in ${dataDirectory}: local finetunes are run from the task folder that trained them (tunegate finetune --engine local)`,
    );
  }
  for (const path of [record.baseModelPath, record.adapterPath]) {
    if (!existsSync(path)) {
      throw new TunegateError('FILE_NOT_FOUND', `local finetune "${id}": ${path} is missing`);
    }
  }
  return { path: record.baseModelPath, adapters: [{ path: record.adapterPath, scale: 1 }] };
}
