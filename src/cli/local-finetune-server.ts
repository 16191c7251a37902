import { randomBytes } from 'node:crypto';
import { startTunegateServer } from '../server/start-tunegate-server.js';
import type { CliIo } from './cli-io.js';

/** tunegate's own OpenAI-compatible fine-tuning API, running in this process. */
export interface LocalFinetuneServer {
  /** `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  /** The session token the server requires. */
  apiKey: string;
  close(): Promise<void>;
}

export interface LocalFinetuneServerOptions {
  /** The base models to serve for training, as `local:NAME` references. */
  models: readonly string[];
  /** The fine-tuning API's store (the same one `tunegate serve` uses), so jobs outlive the CLI. */
  storeFile: string;
}

/**
 * Starts what `tunegate serve` runs (the named models plus the fine-tuning API) on 127.0.0.1,
 * a free port and a random token, for `finetune --engine local`: the OpenAI engine then runs
 * against it unchanged. Closing it stops a job still training, so the CLI follows to the end.
 */
export async function startLocalFinetuneServer(
  io: CliIo,
  options: LocalFinetuneServerOptions,
): Promise<LocalFinetuneServer> {
  const apiKey = randomBytes(24).toString('hex');
  const started = await startTunegateServer({
    models: options.models,
    storeFile: options.storeFile,
    env: io.env,
    cwd: io.cwd,
    apiKey,
  });
  return {
    baseURL: started.server.baseURL,
    apiKey,
    close: () => started.server.close(),
  };
}
