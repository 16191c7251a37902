import { resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import { describeGgufModel } from '../../engines/llama-cpp/gguf/describe-gguf-model.js';
import { importLlama2cModel } from '../../engines/llama-cpp/import-llama2c-model.js';
import { listCachedModels, modelsDirectory } from '../../engines/llama-cpp/model-cache.js';
import { modelRegistry } from '../../engines/llama-cpp/model-registry.js';
import { pullModel } from '../../engines/llama-cpp/pull-model.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { createDownloadProgressReporter, formatBytes } from '../download-progress-reporter.js';
import { exitCodes } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

export function formatParameterCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)}K`;
  return String(count);
}

interface ListedModel {
  name: string;
  path: string;
  bytes: number;
  architecture: string | null;
  parameterCount: number | null;
  contextLength: number | null;
  error: string | null;
}

async function listModels(io: CliIo, options: { json: boolean }): Promise<number> {
  const directory = modelsDirectory(io.env);
  const cached: ListedModel[] = (await listCachedModels(io.env)).map((model) => {
    const { name, path, bytes } = model;
    if ('error' in model.gguf) {
      const error = model.gguf.error;
      return {
        name,
        path,
        bytes,
        architecture: null,
        parameterCount: null,
        contextLength: null,
        error,
      };
    }
    const facts = describeGgufModel(model.gguf);
    return {
      name,
      path,
      bytes,
      architecture: facts.architecture ?? null,
      parameterCount: facts.parameterCount,
      contextLength: facts.contextLength ?? null,
      error: null,
    };
  });
  const cachedNames = new Set(cached.map((model) => model.name));
  const available = modelRegistry
    .filter((model) => !cachedNames.has(model.name))
    .map(({ name, description, license }) => ({ name, description, license }));
  if (options.json) {
    io.stdout(`${JSON.stringify({ directory, cached, available }, null, 2)}\n`);
    return exitCodes.ok;
  }
  io.stdout(`models in ${directory}\n\n`);
  if (cached.length === 0) io.stdout('(none cached yet)\n');
  else {
    const rows = cached.map((model) => [
      model.name,
      formatBytes(model.bytes),
      model.architecture ?? '–',
      model.parameterCount === null ? '–' : formatParameterCount(model.parameterCount),
      model.contextLength === null ? '–' : String(model.contextLength),
      model.error ? `unreadable: ${model.error}` : '',
    ]);
    io.stdout(
      `${formatTable(['name', 'size', 'architecture', 'parameters', 'context', ''], rows)}\n`,
    );
  }
  if (available.length > 0) {
    io.stdout('\navailable to pull (tunegate models pull NAME):\n');
    for (const model of available)
      io.stdout(`  ${model.name}  ${model.description} (${model.license})\n`);
  }
  return exitCodes.ok;
}

async function importModel(
  io: CliIo,
  checkpoint: string,
  tokenizer: string,
  options: { name?: string; force: boolean },
): Promise<number> {
  const started = Date.now();
  const imported = await importLlama2cModel({
    checkpointPath: resolve(io.cwd, checkpoint),
    tokenizerPath: resolve(io.cwd, tokenizer),
    ...(options.name === undefined ? {} : { name: options.name }),
    force: options.force,
    env: io.env,
  });
  const { config } = imported;
  io.stdout(
    `imported ${imported.name} → ${imported.path}\n  llama, ${config.layerCount} layers, dim ${config.dim}, ${config.headCount} heads (${config.kvHeadCount} kv), vocab ${config.vocabSize}, context ${config.sequenceLength}, ${formatParameterCount(imported.parameterCount)} parameters, ${formatBytes(imported.bytes)} in ${Date.now() - started} ms\n  use it as  local:${imported.name}\n`,
  );
  return exitCodes.ok;
}

async function pull(io: CliIo, name: string, options: { force: boolean }): Promise<number> {
  const reporter = createDownloadProgressReporter(io, 'pull');
  try {
    const pulled = await pullModel(name, {
      env: io.env,
      cwd: io.cwd,
      force: options.force,
      onProgress: (progress) => reporter.update(progress),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    reporter.stop();
    if (!pulled.downloaded) {
      io.stdout(`${name} is already cached at ${pulled.path} (use --force to pull it again)\n`);
      return exitCodes.ok;
    }
    const from = Object.entries(pulled.sources).map(
      ([file, source]) => `  ${file} from ${source}\n`,
    );
    io.stdout(`pulled ${name} → ${pulled.path}\n${from.join('')}  use it as  local:${name}\n`);
    return exitCodes.ok;
  } finally {
    reporter.stop();
  }
}

/** `tunegate models list | import llama2c MODEL TOKENIZER | pull NAME`. */
export function registerModelsCommand(program: Command, context: CommandContext): void {
  const models = program
    .command('models')
    .description('local GGUF models for the local: provider (cache: TUNEGATE_MODELS_DIR)');

  models
    .command('list')
    .description('cached models (size, architecture, parameters, context) and models to pull')
    .option('--json', 'machine-readable output', false)
    .action(async (options: { json: boolean }) => {
      context.result.code = await listModels(context.io, options);
    });

  models
    .command('import')
    .description('convert a llama2.c checkpoint and tokenizer into a cached GGUF')
    .addArgument(new Argument('<format>', 'source format').choices(['llama2c']))
    .argument('<model>', 'llama2.c v0 checkpoint (.bin)')
    .argument('<tokenizer>', 'llama2.c tokenizer (.bin)')
    .option('--name <name>', 'cache name (default: the checkpoint file name)')
    .option('--force', 'replace a cached model of the same name', false)
    .action(
      async (
        _format: string,
        checkpoint: string,
        tokenizer: string,
        options: { name?: string; force: boolean },
      ) => {
        context.result.code = await importModel(context.io, checkpoint, tokenizer, options);
      },
    );

  models
    .command('pull')
    .description(
      `download a known model, verify its sha256 and convert it (${modelRegistry.map((model) => model.name).join(', ')}); mirror: TUNEGATE_MODEL_MIRROR`,
    )
    .argument('<name>', 'model name')
    .option('--force', 'download again even when cached', false)
    .action(async (name: string, options: { force: boolean }) => {
      context.result.code = await pull(context.io, name, options);
    });
}
