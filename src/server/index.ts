export {
  createOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
} from './create-openai-compatible-server.js';
export {
  createLanguageModelHost,
  type HostedLanguageModel,
  type LanguageModelHostOptions,
} from './language-model-host.js';
export type { ModelHost, ServedModel, StreamingGenerateRequest } from './model-host.js';
