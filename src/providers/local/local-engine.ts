/**
 * Everything that needs node-llama-cpp at run time. Importing it costs most of a second, so it
 * is loaded only when a local model is first used (see local-engine-loader.ts).
 */
export { localContextMeter } from './local-context-meter.js';
export { disposeLocalRuntime, grammarForJsonSchema, openLocalModel } from './local-runtime.js';
export { runLocalChat, runLocalCompletion } from './run-local-generation.js';
