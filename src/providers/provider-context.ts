import type { ModelSettings } from './model-settings.js';

/** What every provider factory gets: the parsed reference plus the caller's environment. */
export interface ProviderContext {
  reference: string;
  /** The model id: everything after the first colon. */
  model: string;
  settings: ModelSettings;
  env: Record<string, string | undefined>;
  fetch: typeof fetch | undefined;
  baseDirectory: string | undefined;
}
