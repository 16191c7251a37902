export type { FinetuneEngineEntry, FinetuneEngineSettings } from './finetune-engine-entry.js';
export {
  findFinetuneEngine,
  finetuneEngineNames,
  finetuneEngines,
} from './finetune-engine-registry.js';
export { FireworksFinetuneEngine } from './fireworks-finetune-engine.js';
export { OpenAIFinetuneEngine } from './openai-finetune-engine.js';
export { TogetherFinetuneEngine } from './together-finetune-engine.js';
