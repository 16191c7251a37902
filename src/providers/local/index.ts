// Nothing here imports node-llama-cpp: it loads on a local model's first call.
export { chooseThreadCount } from './choose-thread-count.js';
export { disposeLocalEngine } from './local-engine-loader.js';
export {
  type LocalEngineSettings,
  type LocalLoraAdapter,
  readLocalEngineSettings,
} from './local-engine-settings.js';
export {
  type LocalGenerateRequest,
  LocalLanguageModel,
  type LocalLanguageModelOptions,
  type LocalModelDescription,
} from './local-language-model.js';
export { createLocalModel } from './local-provider.js';
