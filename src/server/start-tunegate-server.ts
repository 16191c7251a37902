import { dirname, join, resolve } from 'node:path';
import { readLocalEngineSettings } from '../providers/local/local-engine-settings.js';
import { TunegateError } from '../spec/tunegate-error.js';
import {
  createOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './create-openai-compatible-server.js';
import { createFineTunedModelHost } from './fine-tuning/fine-tuned-model-host.js';
import { createFineTuningRoutes } from './fine-tuning/fine-tuning-routes.js';
import { FineTuningService } from './fine-tuning/fine-tuning-service.js';
import { loadServedModels, type ServedModelSummary } from './load-served-models.js';

export interface TunegateServerOptions {
  /** What `--model` names (cache NAME, PATH.gguf, provider:model); none: every cached model. */
  models: readonly string[];
  /** The fine-tuning API's SQLite store (relative to `cwd`); its files go in `serve-data/`. */
  storeFile: string;
  env: Record<string, string | undefined>;
  cwd: string;
  host?: string;
  port?: number;
  apiKey?: string | undefined;
  log?: (line: string) => void;
}

export interface TunegateServer {
  server: OpenAICompatibleServer;
  /** The models named at start (fine-tuned ones come from `fineTuning`). */
  models: ServedModelSummary[];
  fineTuning: FineTuningService;
  /** The store's absolute path. */
  storeFile: string;
}

/**
 * What `tunegate serve` runs, for any front end that needs it in-process (the CLI's local
 * finetune engine): the named models, the fine-tuning API that trains LoRA adapters for the
 * local GGUF ones, and every fine-tuned model of the store, on one OpenAI-compatible server.
 * `server.close()` stops it all (a job still training fails with `server_stopped`).
 */
export async function startTunegateServer(options: TunegateServerOptions): Promise<TunegateServer> {
  const { host: baseHost, models } = await loadServedModels(options.models, {
    env: options.env,
    cwd: options.cwd,
  });
  const storeFile = resolve(options.cwd, options.storeFile);
  const baseModels = new Map<string, string>();
  for (const model of models) if (model.local) baseModels.set(model.id, model.local.path);
  let fineTuning: FineTuningService;
  try {
    fineTuning = FineTuningService.start({
      storeFile,
      dataDirectory: join(dirname(storeFile), 'serve-data'),
      baseModels,
    });
  } catch (error) {
    await baseHost.close();
    throw error;
  }
  const host = createFineTunedModelHost(baseHost, fineTuning, readLocalEngineSettings(options.env));
  const address = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  try {
    const server = await createOpenAICompatibleServer({
      models: host,
      host: address,
      port,
      apiKey: options.apiKey,
      routes: createFineTuningRoutes(fineTuning),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    return { server, models, fineTuning, storeFile };
  } catch (error) {
    await fineTuning.close();
    await host.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new TunegateError('INVALID_ARGUMENT', `cannot listen on ${address}:${port}: ${reason}`, {
      cause: error,
    });
  }
}
