import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { StoreJobSource } from '../../core/finetune/store-job-source.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { createWebServer, type WebServer } from '../../web/server/create-web-server.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { readPackageVersion } from '../package-version.js';
import { openStore, taskFilePath } from '../task-location.js';
import { waitForStop } from '../wait-for-stop.js';

export interface UiOptions {
  port: number;
  task: string;
  store?: string | undefined;
}

const portNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError('expected a port from 0 to 65535 (0: any free port)');
  }
  return parsed;
};

export function registerUiCommand(program: Command, context: CommandContext): void {
  program
    .command('ui')
    .description(
      'open the local web app: playground, runs, limits, dataset review, readiness, jobs',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', portNumber, 0)
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .action(async (options: UiOptions) => {
      context.result.code = await ui(context.io, options);
    });
}

/** Serves the web app until the signal (Ctrl-C, SIGTERM) aborts. */
export async function ui(io: CliIo, options: UiOptions): Promise<number> {
  const taskFile = taskFilePath(io, options.task);
  // The same default as every other command (openStore), resolved here to show it.
  const storeFile = options.store
    ? resolve(io.cwd, options.store)
    : join(dirname(taskFile), '.tunegate', 'tunegate.db');
  const store = openStore(io, taskFile, storeFile);
  let server: WebServer;
  try {
    server = await createWebServer({
      store,
      storeFile,
      taskFile,
      port: options.port,
      env: io.env,
      // Finetune jobs started by `tunegate finetune` live in the same store as the runs.
      jobs: new StoreJobSource(new SqliteFinetuneJobStore(store.database)),
      version: readPackageVersion(),
      reviewer: reviewerName(io.env),
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    store.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `cannot listen on 127.0.0.1:${options.port}: ${reason}`,
      {
        cause: error,
      },
    );
  }
  io.stdout(`tunegate ui for ${taskFile}\n`);
  io.stdout(`open ${server.url}\n`);
  io.stdout("the address holds this session's token: share it only with people who may use it\n");
  io.stdout('press Ctrl-C to stop\n');
  await waitForStop(io.signal);
  io.stderr('stopping\n');
  await server.close();
  store.close();
  return exitCodes.ok;
}

function reviewerName(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
