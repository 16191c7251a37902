import { join } from 'node:path';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { AtomicFileWriter, writeFileAtomically } from './atomic-file-writer.js';
import { axolotlExporter } from './axolotl-exporter.js';
import { openDatasetViews, type ViewOptions } from './dataset-views.js';
import { type EngineExporter, type ExportEngine, isWeighted } from './engine-exporter.js';
import { chooseEpochs } from './epoch-rule.js';
import { fireworksExporter } from './fireworks-exporter.js';
import { openAIExporter } from './openai-exporter.js';
import { togetherExporter } from './together-exporter.js';
import { type TrainingExample, toTrainingExample } from './training-example.js';
import { trlExporter } from './trl-exporter.js';
import { unslothExporter } from './unsloth-exporter.js';

export const exporters: Record<ExportEngine, EngineExporter> = {
  openai: openAIExporter,
  together: togetherExporter,
  fireworks: fireworksExporter,
  axolotl: axolotlExporter,
  trl: trlExporter,
  unsloth: unslothExporter,
};

export interface ExportOptions extends ViewOptions {
  to: ExportEngine;
  /** The folder the data (and config) is written to. */
  directory: string;
  baseModel?: string;
  /** Epochs in the config (default: the epoch rule on the number of examples). */
  epochs?: number;
  /** Turns eval-case rows into chat examples (instruction as system, `input` as user). */
  task?: LoadedTask;
}

export interface ExportResult {
  engine: ExportEngine;
  kind: TrainingExample['kind'];
  dataFile: string;
  /** Every file written, data first. */
  files: string[];
  written: number;
  skipped: number;
  /** Why rows were skipped, with how many each. */
  skipReasons: Record<string, number>;
  /** The training command, run from `directory` (local trainers only). */
  command?: string;
  epochs: number;
}

/**
 * Writes a dataset in one engine's format (`train.jsonl` in `directory`), and for local
 * trainers a ready config and the exact command. Rows the format rules reject, or the engine
 * cannot express, are skipped and counted by reason.
 */
export async function exportDataset(file: string, options: ExportOptions): Promise<ExportResult> {
  const exporter = exporters[options.to];
  const viewed = await openDatasetViews(file, options);
  const kind: TrainingExample['kind'] = viewed.format === 'preference' ? 'preference' : 'chat';
  if (kind === 'preference' && !exporter.supportsPreference) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      `${options.to} export takes supervised rows; export preference data to openai, together or trl`,
    );
  }
  const dataFile = 'train.jsonl';
  const dataPath = join(options.directory, dataFile);
  const writer = await AtomicFileWriter.open(dataPath);
  const skipReasons: Record<string, number> = {};
  const skip = (reason: string) => {
    skipReasons[reason] = (skipReasons[reason] ?? 0) + 1;
  };
  let written = 0;
  let weighted = false;
  const context = {
    format: viewed.format,
    outputField: viewed.outputField,
    ...(options.task ? { task: options.task } : {}),
  };
  try {
    for await (const { view, value } of viewed.rows) {
      if (view === undefined || value === undefined) {
        skip('the row fails its format checks (run tunegate data check)');
        continue;
      }
      const example = toTrainingExample(value, context);
      if ('skip' in example) {
        skip(example.skip);
        continue;
      }
      const row = exporter.row(example);
      if ('skip' in row && typeof row.skip === 'string') {
        skip(row.skip);
        continue;
      }
      weighted ||= isWeighted(example);
      await writer.write(`${JSON.stringify(row)}\n`);
      written += 1;
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const epochs = options.epochs ?? chooseEpochs(written);
  const result: ExportResult = {
    engine: options.to,
    kind,
    dataFile: dataPath,
    files: [dataPath],
    written,
    skipped: Object.values(skipReasons).reduce((sum, count) => sum + count, 0),
    skipReasons,
    epochs,
  };
  const recipe = exporter.recipe?.({
    dataFile,
    examples: written,
    epochs,
    baseModel: options.baseModel ?? exporter.defaultBaseModel,
    kind,
    weighted,
  });
  if (recipe !== undefined) {
    for (const configFile of recipe.files) {
      const path = join(options.directory, configFile.name);
      await writeFileAtomically(path, configFile.text);
      result.files.push(path);
    }
    const commandPath = join(options.directory, 'train.sh');
    await writeFileAtomically(
      commandPath,
      `#!/bin/sh\n# Written by tunegate data export; run from this folder.\nset -e\ncd "$(dirname "$0")"\n${recipe.command}\n`,
    );
    result.files.push(commandPath);
    result.command = recipe.command;
  }
  return result;
}
