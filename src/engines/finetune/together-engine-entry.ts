import type { FinetuneEngineEntry } from './finetune-engine-entry.js';
import { TogetherFinetuneEngine, togetherBaseURL } from './together-finetune-engine.js';

export const togetherEngineEntry: FinetuneEngineEntry = {
  name: 'together',
  description: 'Together AI fine-tuning, LoRA (key in TOGETHER_API_KEY)',
  provider: 'together',
  apiKeyEnv: 'TOGETHER_API_KEY',
  defaultBaseURL: togetherBaseURL,
  create: (settings) =>
    new TogetherFinetuneEngine({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      fetch: settings.fetch,
    }),
};
