export {
  AiSdkLanguageModel,
  type AiSdkLanguageModelOptions,
  type AiSdkModel,
} from './ai-sdk-language-model.js';
export { type CreateLanguageModelOptions, createLanguageModel } from './create-language-model.js';
export { knownProviders } from './known-providers.js';
export {
  loadScriptedDoubleRules,
  scriptedDoubleRulesSchema,
} from './load-scripted-double-rules.js';
export type { ModelSettings } from './model-settings.js';
export { type ModelReference, parseModelReference } from './parse-model-reference.js';
export { parseRetryAfter } from './parse-retry-after.js';
export {
  ScriptedDouble,
  type ScriptedDoubleOptions,
  type ScriptedFailure,
  type ScriptedRule,
} from './scripted-double.js';
export { toProviderCallError } from './to-provider-call-error.js';
