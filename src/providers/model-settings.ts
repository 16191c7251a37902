/**
 * How to reach one model: what the providers layer needs from a task's model entry.
 * Structurally compatible with the task schema's model config, which carries more fields.
 */
export interface ModelSettings {
  /** `provider:model`, e.g. `openai:gpt-4o-mini`. */
  ref: string;
  /** Overrides the provider's default endpoint (required for `openai-compatible`). */
  baseURL?: string | undefined;
  /** Name of the environment variable that holds the key; never the key itself. */
  apiKeyEnv?: string | undefined;
  /** Restrict the model to one endpoint; unset means every endpoint the provider has. */
  mode?: 'chat' | 'completion' | undefined;
  /** Extra HTTP headers sent with every call. */
  headers?: Record<string, string> | undefined;
}
