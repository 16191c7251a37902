import type { FinetuneEngineEntry } from '../engines/finetune/finetune-engine-entry.js';
import { findFinetuneEngine } from '../engines/finetune/finetune-engine-registry.js';
import { readApiKey } from '../providers/read-api-key.js';
import type { FinetuneEngine } from '../spec/finetune-engine.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { CliIo } from './cli-io.js';
import {
  type LocalFinetuneServerOptions,
  startLocalFinetuneServer,
} from './local-finetune-server.js';

export interface EngineChoice {
  engine: string;
  /** An API address to use instead of the engine's default. */
  baseURL?: string | undefined;
  account?: string | undefined;
  /** Environment variable holding the key, instead of the engine's usual one. */
  apiKeyEnv?: string | undefined;
  /** What the in-process server of `local` (without `baseURL`) serves and where it keeps jobs. */
  local?: LocalFinetuneServerOptions | undefined;
}

export interface OpenedEngine {
  engine: FinetuneEngine;
  entry: FinetuneEngineEntry;
  /** The address to persist with the job: only one the user chose (never a secret). */
  baseURL: string | undefined;
  account: string | undefined;
  /** The API runs in this process: the job lasts only as long as it does. */
  inProcess: boolean;
  close(): Promise<void>;
}

/**
 * Builds an engine from the registry with credentials read once from the environment. The
 * `local` engine without an address starts tunegate's own fine-tuning API in this process.
 */
export async function openFinetuneEngine(io: CliIo, choice: EngineChoice): Promise<OpenedEngine> {
  const entry = findFinetuneEngine(choice.engine);
  const account = choice.account ?? (entry.accountEnv ? io.env[entry.accountEnv] : undefined);
  if (entry.name === 'local' && choice.baseURL === undefined) {
    if (!choice.local) {
      throw new TunegateError('INVALID_ARGUMENT', 'the local engine needs a base model to serve');
    }
    const server = await startLocalFinetuneServer(io, choice.local);
    return {
      engine: entry.create({ apiKey: server.apiKey, baseURL: server.baseURL }),
      entry,
      baseURL: undefined,
      account,
      inProcess: true,
      close: () => server.close(),
    };
  }
  const variable = choice.apiKeyEnv ?? entry.apiKeyEnv;
  // A local server started without --api-key-env takes any token.
  const apiKey = variable ? readApiKey(io.env, variable, `the ${entry.name} engine`) : 'local';
  return {
    engine: entry.create({ apiKey, baseURL: choice.baseURL, account }),
    entry,
    baseURL: choice.baseURL,
    account,
    inProcess: false,
    close: async () => undefined,
  };
}
