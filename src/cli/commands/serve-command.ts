import { type Command, InvalidArgumentError } from 'commander';
import type { ServedModelSummary } from '../../server/load-served-models.js';
import { startTunegateServer } from '../../server/start-tunegate-server.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { collectList } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { waitForStop } from '../wait-for-stop.js';

export interface ServeOptions {
  port: number;
  host: string;
  model: string[];
  apiKeyEnv?: string | undefined;
  /** The fine-tuning API's SQLite store; its files and adapters go in `serve-data/` beside it. */
  store: string;
  verbose: boolean;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

const portNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError('expected a port from 0 to 65535 (0: any free port)');
  }
  return parsed;
};

export function registerServeCommand(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .description(
      'serve local models over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/completions), with a fine-tuning API (/v1/files, /v1/fine_tuning/jobs) that trains LoRA adapters for the served GGUF models',
    )
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 8080)
    .option(
      '--host <address>',
      'address to bind; anything but loopback exposes the models',
      '127.0.0.1',
    )
    .option(
      '--model <names>',
      'models to serve: cache NAME, PATH.gguf or provider:model (repeatable, comma-separated; default: every cached model)',
      collectList,
      [],
    )
    .option('--api-key-env <var>', 'require a bearer token, read from this environment variable')
    .option(
      '--store <file>',
      'SQLite store of the fine-tuning API (uploads, jobs, fine-tuned models); created on the first upload',
      '.tunegate/serve.db',
    )
    .option('--verbose', 'log one line per request to stderr', false)
    .action(async (options: ServeOptions) => {
      context.result.code = await serve(context.io, options);
    });
}

/** Serves until the signal (Ctrl-C, SIGTERM) aborts, then drains in-flight requests. */
export async function serve(io: CliIo, options: ServeOptions): Promise<number> {
  const apiKey = readToken(io.env, options.apiKeyEnv);
  const { server, models, fineTuning, storeFile } = await startTunegateServer({
    models: options.model,
    storeFile: options.store,
    env: io.env,
    cwd: io.cwd,
    host: options.host,
    port: options.port,
    apiKey,
    ...(options.verbose ? { log: (line: string) => io.stderr(`${line}\n`) } : {}),
  });
  io.stdout(
    `serving ${models.length} model${models.length === 1 ? '' : 's'} at ${server.baseURL}\n`,
  );
  for (const model of models) io.stdout(`  ${model.id}  ${describeModel(model)}\n`);
  for (const model of fineTuning.fineTunedModels()) {
    io.stdout(`  ${model.id}  fine-tuned ${model.baseModel} (adapter ${model.adapterPath})\n`);
  }
  if (fineTuning.baseModelIds.length > 0) {
    io.stdout(
      `fine-tuning API for ${fineTuning.baseModelIds.join(', ')} at ${server.baseURL}/fine_tuning/jobs (store ${storeFile})\n`,
    );
  }
  if (!loopbackHosts.has(options.host)) {
    io.stderr(
      `warning: bound to ${options.host}, reachable from other machines${apiKey === undefined ? ' and without a token (set --api-key-env)' : ''}\n`,
    );
  }
  io.stdout('press Ctrl-C to stop\n');
  await waitForStop(io.signal);
  io.stderr('stopping: finishing requests in flight\n');
  await server.close();
  return exitCodes.ok;
}

function readToken(
  env: Record<string, string | undefined>,
  variable: string | undefined,
): string | undefined {
  if (variable === undefined) return undefined;
  const token = env[variable];
  if (token === undefined || token.trim() === '') {
    throw new TunegateError(
      'MISSING_API_KEY',
      `--api-key-env names ${variable}, but ${variable} is not set`,
    );
  }
  return token.trim();
}

function describeModel(model: ServedModelSummary): string {
  const local = model.local;
  if (local === undefined) return model.reference;
  const chat = local.hasChatTemplate
    ? 'chat template'
    : 'no chat template (chat uses the ### User/### Assistant fallback)';
  const cache = local.deterministic ? ', F32 KV cache' : '';
  return `${local.path} (context ${local.contextSize}, ${model.parallelism} at once, ${local.threads} thread${local.threads === 1 ? '' : 's'}${cache}, ${chat})`;
}
