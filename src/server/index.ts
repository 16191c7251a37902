export {
  createOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
} from './create-openai-compatible-server.js';
export type { ExtraRoutes, RouteRequest } from './extra-routes.js';
export {
  createFineTunedModelHost,
  createFineTuningRoutes,
  type FineTunedModelInfo,
  FineTuningService,
  type FineTuningServiceOptions,
} from './fine-tuning/index.js';
export {
  createLanguageModelHost,
  type HostedLanguageModel,
  type LanguageModelHostOptions,
} from './language-model-host.js';
export type { ModelHost, ServedModel, StreamingGenerateRequest } from './model-host.js';
export {
  startTunegateServer,
  type TunegateServer,
  type TunegateServerOptions,
} from './start-tunegate-server.js';
