import type { FinetuneEngine } from '../../spec/finetune-engine.js';
import type { FetchFunction } from './rest-client.js';

/** What creating an engine takes: read once by the front end, never from deep inside. */
export interface FinetuneEngineSettings {
  apiKey: string;
  /** Overrides the engine's default API address (a proxy, a test double, a local server). */
  baseURL?: string | undefined;
  /** Fireworks' account id. */
  account?: string | undefined;
  fetch?: FetchFunction | undefined;
}

/** One registry entry: how to make an engine, and what it needs from the environment. */
export interface FinetuneEngineEntry {
  name: string;
  description: string;
  /** The provider prefix of the base models it trains, e.g. `openai` for `openai:gpt-4o-mini`. */
  provider: string;
  /** Environment variable holding the key; undefined when the front end supplies one. */
  apiKeyEnv: string | undefined;
  /** Environment variable holding the account id, for engines that need one. */
  accountEnv?: string;
  defaultBaseURL: string | undefined;
  create(settings: FinetuneEngineSettings): FinetuneEngine;
}
