import { localModelId } from '../llama-cpp/model-cache.js';
import type { FinetuneEngineEntry } from './finetune-engine-entry.js';
import { OpenAIFinetuneEngine } from './openai-finetune-engine.js';

/**
 * tunegate's own trainer behind its OpenAI-compatible fine-tuning API (`tunegate serve`): the
 * OpenAI engine pointed at the local server, so OpenAI's code path is exercised for real.
 * The front end starts the server and passes its base URL and session token.
 */
export const localEngineEntry: FinetuneEngineEntry = {
  name: 'local',
  description: "tunegate's CPU trainer through its local OpenAI-compatible fine-tuning API",
  provider: 'local',
  apiKeyEnv: undefined,
  defaultBaseURL: undefined,
  create: (settings) =>
    new OpenAIFinetuneEngine({
      name: 'local',
      referencePrefix: 'local',
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      fetch: settings.fetch,
      // `local:PATH.gguf` is served (and trained) under the file's name.
      baseModelId: localModelId,
    }),
};
