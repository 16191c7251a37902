import type { LocalEngineSettings } from '../../providers/local/local-engine-settings.js';
import { LocalLanguageModel } from '../../providers/local/local-language-model.js';
import { createLanguageModelHost } from '../language-model-host.js';
import type { ModelHost, ServedModel } from '../model-host.js';
import { organization } from './fine-tuning-response-bodies.js';
import type { FineTunedModelInfo } from './fine-tuning-service.js';

/** Where the host learns which fine-tuned models exist (the fine-tuning service). */
export interface FineTunedModelSource {
  fineTunedModels(): FineTunedModelInfo[];
  findFineTunedModel(id: string): FineTunedModelInfo | undefined;
}

/**
 * The served base models plus every fine-tuned model (`ft:BASE:SUFFIX:ID`) and checkpoint
 * (`…:ckpt-step-N`) the fine-tuning API has produced: each runs the base GGUF with its LoRA
 * adapter applied, in its own llama.cpp context, loaded on first use. `/v1/models` lists the
 * fine-tuned models (not the checkpoints, which are served by name, as OpenAI's are); a model
 * appears as soon as its job succeeds.
 */
export function createFineTunedModelHost(
  base: ModelHost,
  source: FineTunedModelSource,
  settings: LocalEngineSettings,
): ModelHost {
  const served = new Map<string, ServedModel>();
  const serve = (info: FineTunedModelInfo): ServedModel => {
    const known = served.get(info.id);
    if (known !== undefined) return known;
    const model = new LocalLanguageModel({
      reference: `local:${info.id}`,
      modelId: info.id,
      resolvePath: () => info.baseModelPath,
      settings: { ...settings, adapters: [{ path: info.adapterPath, scale: 1 }] },
    });
    const host = createLanguageModelHost(
      [{ id: info.id, model, parallelism: settings.sequences, ownedBy: organization }],
      { created: info.created },
    );
    const entry = host.listModels()[0] as ServedModel;
    served.set(info.id, entry);
    return entry;
  };
  return {
    listModels: () => [...base.listModels(), ...source.fineTunedModels().map(serve)],
    getModel: (id) => {
      const model = base.getModel(id);
      if (model !== undefined) return model;
      const info = source.findFineTunedModel(id);
      return info === undefined ? undefined : serve(info);
    },
    // The base host frees llama.cpp, and with it every adapter context.
    close: () => base.close(),
  };
}
