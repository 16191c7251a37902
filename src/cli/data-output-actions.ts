import { resolve } from 'node:path';
import type { DatasetFormat } from '../core/datasets/dataset-format.js';
import { datasetStats } from '../core/datasets/dataset-stats.js';
import type { ExportEngine } from '../core/datasets/engine-exporter.js';
import { exportDataset } from '../core/datasets/export-dataset.js';
import type { TokenizerName } from '../core/datasets/token-counter.js';
import type { TrainingEstimate } from '../core/datasets/training-estimate.js';
import { localTrainingTokenCounters } from '../engines/trainer/data/llama-cpp-training-token-counter.js';
import type { CliIo } from './cli-io.js';
import { shownPath } from './data-check-action.js';
import { createByteProgress } from './data-progress.js';
import { exitCodes } from './exit-codes.js';
import { formatDollars, formatTable } from './format-table.js';
import { loadTaskFrom } from './task-location.js';

export interface StatsArguments {
  tokenizer: TokenizerName;
  model: string[];
  task?: string;
  format?: DatasetFormat;
  outputField?: string;
  epochs?: number;
  json: boolean;
}

/** `data stats FILE`: rows, tokens per example, labels, training tokens and cost per engine. */
export async function dataStatsAction(
  io: CliIo,
  fileArgument: string,
  args: StatsArguments,
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const task = args.task !== undefined ? await loadTaskFrom(io, args.task) : undefined;
  const progress = createByteProgress(io, 'stats');
  const stats = await datasetStats(file, {
    tokenizer: args.tokenizer,
    read: { onProgress: progress.onProgress },
    ...(args.model.length > 0 ? { models: args.model } : {}),
    ...(task !== undefined ? { task } : {}),
    ...(args.format !== undefined ? { format: args.format } : {}),
    ...(args.outputField !== undefined ? { outputField: args.outputField } : {}),
    ...(args.epochs !== undefined ? { epochs: { epochs: args.epochs, source: '--epochs' } } : {}),
    // Task models name paths from the task folder, --model ones from here.
    counters: localTrainingTokenCounters({ cwd: task?.directory ?? io.cwd, env: io.env }),
  }).finally(() => progress.stop());
  if (args.json) {
    io.stdout(`${JSON.stringify(stats, null, 2)}\n`);
    return exitCodes.ok;
  }
  io.stdout(
    `${shownPath(io, file)}: ${stats.rows} rows, ${stats.usableRows} usable (${stats.format})\n`,
  );
  const tokens = stats.tokensPerExample;
  if (tokens !== null) {
    io.stdout(
      `tokens per example (${stats.tokenizer}): p5 ${tokens.p5.toFixed(0)} · p50 ${tokens.p50.toFixed(0)} · p95 ${tokens.p95.toFixed(0)} · mean ${tokens.mean.toFixed(1)} · max ${tokens.max} · total ${tokens.total}\n`,
    );
  }
  if (stats.labels !== undefined) {
    io.stdout(`\nlabels (${stats.labels.length})\n`);
    io.stdout(
      `${formatTable(
        ['label', 'rows', 'share'],
        stats.labels.map((entry) => [
          entry.label,
          String(entry.count),
          `${((entry.count / stats.usableRows) * 100).toFixed(1)}%`,
        ]),
      )}\n`,
    );
  }
  if (stats.training.length > 0) printTrainingEstimates(io, stats.training, task !== undefined);
  return exitCodes.ok;
}

/**
 * The per-model training tokens, with the words that say what was counted: the rows as
 * `finetune` uploads them, the tokenizer, the epochs and their source.
 */
function printTrainingEstimates(
  io: CliIo,
  estimates: readonly TrainingEstimate[],
  withTask: boolean,
): void {
  const whole = (value: number) => value.toLocaleString('en-US');
  const rows = withTask
    ? 'the rows as tunegate finetune uploads them for this task'
    : 'the rows as tunegate finetune uploads them (pass --task for the task’s short-prompt rows)';
  io.stdout(
    `\ntraining tokens: ${rows}, each example up to the model's limit, × the job's epochs\n`,
  );
  io.stdout(
    `${formatTable(
      ['engine', 'model', 'examples', 'tokens/epoch', 'epochs', 'training tokens', 'cost'],
      estimates.map((entry) => [
        entry.engine,
        entry.model,
        whole(entry.examples),
        whole(entry.tokensPerEpoch),
        `${entry.epochs} (${entry.epochSource})`,
        whole(entry.trainingTokens),
        formatDollars(entry.cost),
      ]),
    )}\n`,
  );
  const byTokenizer = new Map<string, string[]>();
  for (const entry of estimates) {
    byTokenizer.set(entry.tokenizer, [...(byTokenizer.get(entry.tokenizer) ?? []), entry.model]);
  }
  for (const [tokenizer, models] of byTokenizer) {
    io.stdout(`counted by ${tokenizer}: ${models.join(', ')}\n`);
  }
  for (const entry of estimates) {
    if (entry.truncatedExamples > 0) {
      io.stdout(
        `${entry.model}: ${whole(entry.truncatedExamples)} examples over ${whole(entry.exampleLimit ?? 0)} tokens, counted up to that limit\n`,
      );
    }
  }
}

export interface ExportArguments {
  to: ExportEngine;
  output: string;
  baseModel?: string;
  epochs?: number;
  task?: string;
  format?: DatasetFormat;
  outputField?: string;
  json: boolean;
}

/** `data export FILE --to ENGINE -o DIR`: data in the engine's format, config and command. */
export async function dataExportAction(
  io: CliIo,
  fileArgument: string,
  args: ExportArguments,
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const directory = resolve(io.cwd, args.output);
  const task = args.task !== undefined ? await loadTaskFrom(io, args.task) : undefined;
  const progress = createByteProgress(io, 'export');
  const result = await exportDataset(file, {
    to: args.to,
    directory,
    read: { onProgress: progress.onProgress },
    ...(args.baseModel !== undefined ? { baseModel: args.baseModel } : {}),
    ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
    ...(task !== undefined ? { task } : {}),
    ...(args.format !== undefined ? { format: args.format } : {}),
    ...(args.outputField !== undefined ? { outputField: args.outputField } : {}),
  }).finally(() => progress.stop());
  if (args.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return exitCodes.ok;
  }
  io.stdout(
    `${args.to}: wrote ${result.written} ${result.kind === 'preference' ? 'preference pairs' : 'examples'}${result.skipped > 0 ? `, skipped ${result.skipped}` : ''}\n`,
  );
  for (const [reason, count] of Object.entries(result.skipReasons))
    io.stdout(`  skipped ${count}: ${reason}\n`);
  for (const written of result.files) io.stdout(`  ${shownPath(io, written)}\n`);
  if (result.command !== undefined) {
    io.stdout(
      `\ntrain (${result.epochs} epochs), from ${shownPath(io, directory)}:\n  ${result.command}\n`,
    );
  }
  return exitCodes.ok;
}
