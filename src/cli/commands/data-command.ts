import { type Command, Option } from 'commander';
import { datasetFormats } from '../../core/datasets/dataset-format.js';
import { exportEngines } from '../../core/datasets/engine-exporter.js';
import { tokenizerNames } from '../../core/datasets/token-counter.js';
import { positiveInteger } from '../argument-parsers.js';
import type { CommandContext } from '../command-context.js';
import { type AnalysisArguments, dataCheckAction, dataFixAction } from '../data-check-action.js';
import { dataImportAction } from '../data-import-action.js';
import {
  engineArgument,
  formatArgument,
  importKindArgument,
  integerArgument,
  repeatable,
  shareArgument,
  tokenizerArgument,
  wholeNumberArgument,
} from '../data-options.js';
import { dataExportAction, dataStatsAction } from '../data-output-actions.js';
import { dataLeakageAction, dataSplitAction } from '../data-transform-actions.js';

const formatOption = () =>
  new Option(
    '--format <format>',
    `read rows as this format (${datasetFormats.join(', ')}); default: detected`,
  ).argParser(formatArgument);
const outputFieldOption = () =>
  new Option(
    '--output-field <name>',
    'the output column of plain eval cases (default: the task’s, else guessed)',
  );

/** The options every analysing subcommand (check, fix, dedupe) shares. */
function analysisOptions(command: Command): Command {
  return command
    .option(
      '--task <file>',
      'task file or folder: its checks judge every output, its policy sets the minimum',
    )
    .addOption(formatOption())
    .addOption(outputFieldOption())
    .addOption(
      new Option(
        '--min-examples <n>',
        'clean examples required (default: task policy, else 200)',
      ).argParser(wholeNumberArgument),
    )
    .addOption(
      new Option(
        '--similarity <x>',
        'near-duplicate threshold, estimated Jaccard 0–1 (default 0.8)',
      ).argParser(shareArgument),
    )
    .option('--no-near-duplicates', 'skip near-duplicate detection')
    .option(
      '--model <ref>',
      'model whose training context limit applies (default openai:gpt-4o-mini)',
    )
    .addOption(
      new Option(
        '--context-limit <tokens>',
        'context limit in tokens (overrides --model)',
      ).argParser(wholeNumberArgument),
    )
    .addOption(
      new Option(
        '--tokenizer <name>',
        `tokenizer for lengths (${tokenizerNames.join(', ')}; default chars4)`,
      ).argParser(tokenizerArgument),
    )
    .addOption(
      new Option('--max-listed <n>', 'problems listed per code (all are counted)')
        .argParser(wholeNumberArgument)
        .default(20),
    )
    .addOption(
      new Option(
        '--max-line-bytes <n>',
        'longest line (or CSV record) read; longer ones are refused (default 32 MiB)',
      ).argParser(wholeNumberArgument),
    )
    .option('--json', 'machine-readable output', false);
}

/**
 * `tunegate data`: the dataset workbench. check → fix → split → leakage → stats → export,
 * and import from a run. Each action stores its exit code; errors are thrown as
 * TunegateError for main to map.
 */
export function registerDataCommand(program: Command, context: CommandContext): void {
  const { io, result } = context;
  const data = program
    .command('data')
    .description('dataset workbench: check, fix, dedupe, split, leakage, stats, export, import');

  analysisOptions(
    data
      .command('check')
      .description('validate a JSONL, JSON or CSV dataset; exit 3 when it has errors')
      .argument('<file>', 'the dataset'),
  ).action(async (file: string, options: AnalysisArguments) => {
    result.code = await dataCheckAction(io, file, options);
  });

  analysisOptions(
    data
      .command('fix')
      .description('write a cleaned copy (never touches the input) with a log of every change')
      .argument('<file>', 'the dataset')
      .requiredOption('-o, --output <file>', 'where the cleaned copy goes')
      .option('--log <file>', 'change log (default OUTPUT.fix-log.jsonl)'),
  ).action(async (file: string, options) => {
    result.code = await dataFixAction(io, file, options, 'fix');
  });

  analysisOptions(
    data
      .command('dedupe')
      .description('write a copy without exact and near duplicates')
      .argument('<file>', 'the dataset')
      .requiredOption('-o, --output <file>', 'where the de-duplicated copy goes')
      .option('--log <file>', 'change log (default OUTPUT.fix-log.jsonl)'),
  ).action(async (file: string, options) => {
    result.code = await dataFixAction(io, file, options, 'dedupe');
  });

  data
    .command('split')
    .description('seeded train / validation / eval split, stratified by label where labels exist')
    .argument('<file>', 'the dataset')
    .requiredOption('-o, --output <dir>', 'folder for train, validation and eval files')
    .addOption(
      new Option('--train <share>', 'share of rows for training')
        .argParser(shareArgument)
        .default(0.8),
    )
    .addOption(
      new Option('--validation <share>', 'share for validation')
        .argParser(shareArgument)
        .default(0.1),
    )
    .addOption(
      new Option('--eval <share>', 'share for the held-out eval set')
        .argParser(shareArgument)
        .default(0.1),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(integerArgument).default(0))
    .option('--stratify', 'stratify by label (default: when the outputs look like labels)')
    .option('--no-stratify', 'never stratify')
    .addOption(formatOption())
    .addOption(outputFieldOption())
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, options) => {
      result.code = await dataSplitAction(io, file, options);
    });

  data
    .command('leakage')
    .description(
      'training rows whose input appears in the eval set (exact and near); exit 3 if any',
    )
    .argument('<file>', 'the training data')
    .requiredOption('--against <file>', 'the eval set')
    .addOption(
      new Option(
        '--similarity <x>',
        'near-copy threshold, estimated Jaccard 0–1 (default 0.8)',
      ).argParser(shareArgument),
    )
    .addOption(formatOption())
    .addOption(
      new Option('--against-format <format>', 'format of the eval file').argParser(formatArgument),
    )
    .addOption(outputFieldOption())
    .option('--against-output-field <name>', 'output column of the eval file')
    .option('-o, --output <file>', 'also write the training data without the leaking rows')
    .addOption(
      new Option('--max-listed <n>', 'leaks listed (all are counted)')
        .argParser(wholeNumberArgument)
        .default(50),
    )
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, options) => {
      result.code = await dataLeakageAction(io, file, options);
    });

  data
    .command('stats')
    .description('rows, tokens per example, labels, and the training tokens and cost per model')
    .argument('<file>', 'the dataset')
    .addOption(
      new Option('--tokenizer <name>', `tokenizer (${tokenizerNames.join(', ')})`)
        .argParser(tokenizerArgument)
        .default('o200k_base'),
    )
    .option(
      '--model <ref>',
      'estimate training for this model (repeatable; default: every priced one)',
      repeatable,
      [],
    )
    .option(
      '--task <file>',
      'task file or folder: its prices and epochs apply, eval rows count as its short-prompt rows',
    )
    .addOption(
      new Option(
        '--epochs <n>',
        'epochs of the estimate (default: lab.finetune.epochs, else the auto-epoch rule)',
      ).argParser(positiveInteger),
    )
    .addOption(formatOption())
    .addOption(outputFieldOption())
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, options) => {
      result.code = await dataStatsAction(io, file, options);
    });

  data
    .command('export')
    .description(
      'write the data in an engine’s format, with a ready config and command for local trainers',
    )
    .argument('<file>', 'the dataset')
    .addOption(
      new Option('--to <engine>', `target engine (${exportEngines.join(', ')})`)
        .argParser(engineArgument)
        .makeOptionMandatory(),
    )
    .requiredOption('-o, --output <dir>', 'folder for the data (train.jsonl) and config')
    .option(
      '--base-model <name>',
      'base model in the config (default: a small instruct model per engine)',
    )
    .addOption(
      new Option('--epochs <n>', 'epochs in the config (default: the epoch rule)').argParser(
        wholeNumberArgument,
      ),
    )
    .option(
      '--task <file>',
      'task file or folder: turns eval cases into chat rows with its instruction and input',
    )
    .addOption(formatOption())
    .addOption(outputFieldOption())
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, options) => {
      result.code = await dataExportAction(io, file, options);
    });

  data
    .command('import')
    .description(
      'training rows from a stored run: outputs that passed the task’s checks, with lineage',
    )
    .requiredOption('--from-run <run>', 'run id')
    .requiredOption(
      '-o, --output <file>',
      'where the rows go (a lineage file is written beside it)',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .addOption(
      new Option(
        '--as <kind>',
        'sft: chat rows; dpo: preference pairs (a passing and a failing output)',
      )
        .argParser(importKindArgument)
        .default('sft'),
    )
    .addOption(
      new Option('--per-case <n>', 'distinct passing outputs kept per case')
        .argParser(wholeNumberArgument)
        .default(1),
    )
    .option('--no-system', 'leave the task instruction out of the rows')
    .option('--json', 'machine-readable output', false)
    .action(async (options) => {
      result.code = await dataImportAction(io, options);
    });
}
