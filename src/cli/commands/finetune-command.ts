import { dirname, join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { cancelFinetuneJob } from '../../core/finetune/cancel-finetune-job.js';
import { bundleTrainers } from '../../core/finetune/export-training-bundle.js';
import { defaultPollBackoff } from '../../core/finetune/poll-backoff.js';
import { startFinetune } from '../../core/finetune/start-finetune.js';
import type { TaskConfig } from '../../core/task/task-schema.js';
import { finetuneEngineNames } from '../../engines/finetune/finetune-engine-registry.js';
import { localTrainingTokenCounters } from '../../engines/trainer/data/llama-cpp-training-token-counter.js';
import type { FinetuneHyperparameters } from '../../spec/finetune-engine.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { SqliteFinetuneJobStore } from '../../store/sqlite-finetune-job-store.js';
import { positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { exportBundle } from '../export-bundle-action.js';
import { followFinetuneInCli } from '../follow-finetune-in-cli.js';
import { formatTable } from '../format-table.js';
import { openFinetuneEngine } from '../open-finetune-engine.js';
import { loadTaskFrom, openStore } from '../task-location.js';

export interface FinetuneOptions {
  task: string;
  store?: string;
  engine?: string;
  base?: string;
  train?: string;
  validation?: string;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  learningRateMultiplier?: number;
  loraRank?: number;
  loraAlpha?: number;
  seed?: number;
  suffix?: string;
  name?: string;
  keepInstruction: boolean;
  baseUrl?: string;
  account?: string;
  apiKeyEnv?: string;
  follow?: string;
  cancel?: string;
  list: boolean;
  detach: boolean;
  pollInterval: number;
  export?: string;
  output?: string;
}

const positiveNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a number above 0');
  }
  return parsed;
};

const seedNumber = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 2_147_483_647) {
    throw new InvalidArgumentError('expected a whole number from 0 to 2147483647');
  }
  return parsed;
};

export function registerFinetuneCommand(program: Command, context: CommandContext): void {
  program
    .command('finetune')
    .description(
      'rule 4: check and upload the training data, create a finetune job, follow it and register the model (or --export a bundle for your own GPUs)',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .addOption(
      new Option('--engine <name>', 'where to train (default: the base model’s provider)').choices(
        finetuneEngineNames(),
      ),
    )
    .option(
      '--base <model>',
      'model to finetune: a task model or provider:model (default: lab.finetune.model)',
    )
    .option('--train <file>', 'training data (default: data.train of the task)')
    .option('--validation <file>', 'validation data (default: data.validation of the task)')
    .option('--epochs <n>', 'passes over the training data', positiveInteger)
    .option('--batch-size <n>', 'examples per step', positiveInteger)
    .option(
      '--learning-rate <x>',
      'absolute learning rate (Together, Fireworks, local)',
      positiveNumber,
    )
    .option(
      '--learning-rate-multiplier <x>',
      'OpenAI’s multiplier on its default rate',
      positiveNumber,
    )
    .option('--lora-rank <n>', 'LoRA rank, where the engine trains adapters', positiveInteger)
    .option('--lora-alpha <n>', 'LoRA alpha', positiveInteger)
    .option('--seed <n>', 'training seed', seedNumber)
    .option('--suffix <text>', 'added to the finetuned model’s name')
    .option('--name <name>', 'name of the model in the task’s models: list')
    .option(
      '--keep-instruction',
      'train with the task instruction as system message (default: the short prompt)',
      false,
    )
    .option(
      '--base-url <url>',
      'the engine’s API address (a proxy, a local tunegate serve, a test double)',
    )
    .option('--account <id>', 'Fireworks account (default: FIREWORKS_ACCOUNT_ID)')
    .option('--api-key-env <var>', 'environment variable holding the engine’s key')
    .option('--follow <job>', 'resume following a stored job (after a restart)')
    .option('--cancel <job>', 'cancel a stored job')
    .option('--list', 'list the stored finetune jobs', false)
    .option('--detach', 'create the job and return without following it', false)
    .option(
      '--poll-interval <ms>',
      'shortest wait between polls',
      positiveInteger,
      defaultPollBackoff.minMs,
    )
    .addOption(
      new Option('--export <trainer>', 'write a bundle to train on your own GPUs instead').choices([
        ...bundleTrainers,
      ]),
    )
    .option('-o, --output <dir>', 'bundle folder for --export (default: ./TRAINER-bundle)')
    .action(async (options: FinetuneOptions) => {
      context.result.code = await finetuneCommand(context.io, options);
    });
}

export async function finetuneCommand(io: CliIo, options: FinetuneOptions): Promise<number> {
  if (options.export !== undefined) return exportBundle(io, options);
  const task = await loadTaskFrom(io, options.task);
  const runs = openStore(io, task.file, options.store);
  const store = new SqliteFinetuneJobStore(runs.database);
  const backoff = { ...defaultPollBackoff, minMs: options.pollInterval };
  try {
    if (options.list) return listJobs(io, store, task.config.name);
    const stored = options.follow ?? options.cancel;
    if (stored !== undefined) {
      const job = store.getJob(stored);
      if (!job)
        throw new TunegateError('RUN_NOT_FOUND', `no finetune job "${stored}" in this store`);
      const opened = await openFinetuneEngine(io, {
        engine: job.engine,
        baseURL: options.baseUrl ?? job.baseURL ?? undefined,
        account: job.account ?? options.account,
        apiKeyEnv: options.apiKeyEnv,
        local: { models: [job.baseModel], storeFile: localStoreFile(task.file) },
      });
      try {
        if (options.cancel !== undefined) {
          const cancelled = await cancelFinetuneJob(job.id, opened.engine, store);
          io.stdout(`job ${cancelled.id}: ${cancelled.rawStatus}\n`);
          return exitCodes.ok;
        }
        return await followFinetuneInCli(io, job, opened.engine, store, backoff, opened.inProcess);
      } finally {
        await opened.close();
      }
    }
    const base = baseReference(task.config, options.base ?? task.config.lab?.finetune?.model);
    const engineName = options.engine ?? providerOf(base);
    if (engineName === 'local' && options.baseUrl === undefined && options.detach) {
      throw new TunegateError(
        'INVALID_ARGUMENT',
        '--detach needs a server that outlives this command: start tunegate serve and pass --base-url',
      );
    }
    const opened = await openFinetuneEngine(io, {
      engine: engineName,
      baseURL: options.baseUrl,
      account: options.account,
      apiKeyEnv: options.apiKeyEnv,
      ...(base ? { local: { models: [base], storeFile: localStoreFile(task.file) } } : {}),
    });
    try {
      const started = await startFinetune(task, {
        engine: opened.engine,
        provider: opened.entry.provider,
        store,
        baseModel: options.base,
        hyperparameters: hyperparametersOf(options, task.config.lab?.finetune?.epochs),
        epochSource: options.epochs !== undefined ? '--epochs' : 'lab.finetune.epochs',
        counters: localTrainingTokenCounters({ cwd: task.directory, env: io.env }),
        suffix: options.suffix,
        modelName: options.name,
        train: options.train,
        validation: options.validation,
        keepInstruction: options.keepInstruction,
        baseURL: opened.baseURL,
        account: opened.account,
        ...(io.signal ? { signal: io.signal } : {}),
        onStep: (message) => io.stderr(`${message}\n`),
      });
      for (const warning of started.warnings) io.stderr(`warning: ${warning}\n`);
      io.stdout(`created ${started.job.engine} job ${started.job.id} (${started.job.rawStatus})\n`);
      if (options.detach) {
        io.stdout(`follow it with  tunegate finetune --follow ${started.job.id}\n`);
        return exitCodes.ok;
      }
      return await followFinetuneInCli(
        io,
        started.job,
        opened.engine,
        store,
        backoff,
        opened.inProcess,
        started.trainingTokens,
      );
    } finally {
      await opened.close();
    }
  } finally {
    runs.close();
  }
}

/** The flags given; epochs default to the task's `lab.finetune.epochs`. */
function hyperparametersOf(
  options: FinetuneOptions,
  taskEpochs: number | undefined,
): FinetuneHyperparameters {
  const values: FinetuneHyperparameters = {};
  const epochs = options.epochs ?? taskEpochs;
  if (epochs !== undefined) values.epochs = epochs;
  if (options.batchSize !== undefined) values.batchSize = options.batchSize;
  if (options.learningRate !== undefined) values.learningRate = options.learningRate;
  if (options.learningRateMultiplier !== undefined)
    values.learningRateMultiplier = options.learningRateMultiplier;
  if (options.loraRank !== undefined) values.loraRank = options.loraRank;
  if (options.loraAlpha !== undefined) values.loraAlpha = options.loraAlpha;
  if (options.seed !== undefined) values.seed = options.seed;
  return values;
}

/** A task model's name as its reference; anything else as given. */
function baseReference(task: TaskConfig, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return task.models.find((model) => (model.name ?? model.ref) === name)?.ref ?? name;
}

/** The in-process local server keeps its jobs where `tunegate serve` does, beside the task. */
function localStoreFile(taskFile: string): string {
  return join(dirname(taskFile), '.tunegate', 'serve.db');
}

function providerOf(model: string | undefined): string {
  const colon = model?.indexOf(':') ?? -1;
  if (model === undefined || colon <= 0) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `which engine? pass --engine (${finetuneEngineNames().join(', ')}) or a provider:model --base`,
    );
  }
  return model.slice(0, colon);
}

function listJobs(io: CliIo, store: SqliteFinetuneJobStore, taskName: string): number {
  const jobs = store.listJobs(taskName);
  if (jobs.length === 0) {
    io.stdout('no finetune jobs yet: tunegate finetune --engine ENGINE --base MODEL\n');
    return exitCodes.ok;
  }
  const rows = jobs.map((job) => [
    job.id,
    job.engine,
    job.baseModel,
    job.rawStatus,
    job.createdAt.slice(0, 16).replace('T', ' '),
    job.resultModel ?? job.errorMessage ?? '',
  ]);
  io.stdout(
    `${formatTable(['job', 'engine', 'base model', 'status', 'created', 'result'], rows)}\n`,
  );
  return exitCodes.ok;
}
