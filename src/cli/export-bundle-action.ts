import { resolve } from 'node:path';
import {
  bundleTrainers,
  exportTrainingBundle,
  isBundleTrainer,
} from '../core/finetune/export-training-bundle.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { CliIo } from './cli-io.js';
import { exitCodes } from './exit-codes.js';
import { loadTaskFrom } from './task-location.js';

export interface ExportBundleOptions {
  task: string;
  export?: string | undefined;
  output?: string | undefined;
  train?: string | undefined;
  validation?: string | undefined;
  base?: string | undefined;
  epochs?: number | undefined;
  keepInstruction: boolean;
}

/** `finetune --export TRAINER`: the checked data, config and README for your own GPUs. */
export async function exportBundle(io: CliIo, options: ExportBundleOptions): Promise<number> {
  const trainer = options.export ?? '';
  if (!isBundleTrainer(trainer)) {
    throw new TunegateError('INVALID_ARGUMENT', `--export takes ${bundleTrainers.join(', ')}`);
  }
  const task = await loadTaskFrom(io, options.task);
  const directory = resolve(io.cwd, options.output ?? `${trainer}-bundle`);
  const bundle = await exportTrainingBundle(task, {
    to: trainer,
    directory,
    train: options.train,
    validation: options.validation,
    baseModel: options.base,
    epochs: options.epochs ?? task.config.lab?.finetune?.epochs,
    keepInstruction: options.keepInstruction,
  });
  for (const warning of bundle.warnings.slice(0, 5))
    io.stderr(`warning: data: ${warning.message}\n`);
  io.stdout(
    `wrote the ${trainer} bundle to ${directory}: ${bundle.trainRows} training rows${bundle.validationRows === null ? '' : `, ${bundle.validationRows} validation rows`}\n`,
  );
  for (const file of bundle.files) io.stdout(`  ${file}\n`);
  io.stdout(`train with (from ${directory}):\n  ${bundle.command}\n`);
  return exitCodes.ok;
}
