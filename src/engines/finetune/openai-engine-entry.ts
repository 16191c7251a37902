import type { FinetuneEngineEntry } from './finetune-engine-entry.js';
import { OpenAIFinetuneEngine } from './openai-finetune-engine.js';

/**
 * OpenAI's hosted fine-tuning. OpenAI has announced the end of self-serve fine-tuning for new
 * jobs in early 2027; the same client code runs on against `local` and any compatible server.
 */
export const openAIEngineEntry: FinetuneEngineEntry = {
  name: 'openai',
  description: 'OpenAI fine-tuning API (key in OPENAI_API_KEY)',
  provider: 'openai',
  apiKeyEnv: 'OPENAI_API_KEY',
  defaultBaseURL: 'https://api.openai.com/v1',
  create: (settings) =>
    new OpenAIFinetuneEngine({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      fetch: settings.fetch,
    }),
};
