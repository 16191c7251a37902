import { relative, resolve } from 'node:path';
import { type CheckDatasetOptions, checkDataset } from '../core/datasets/check-dataset.js';
import type { DatasetFormat } from '../core/datasets/dataset-format.js';
import { fixDataset } from '../core/datasets/fix-dataset.js';
import type { TokenizerName } from '../core/datasets/token-counter.js';
import type { CliIo } from './cli-io.js';
import { createByteProgress } from './data-progress.js';
import { printDatasetReport } from './data-report-printer.js';
import { exitCodes } from './exit-codes.js';
import { loadTaskFrom } from './task-location.js';

/** Options shared by check, fix and dedupe: how the file is analysed. */
export interface AnalysisArguments {
  task?: string;
  format?: DatasetFormat;
  outputField?: string;
  minExamples?: number;
  similarity?: number;
  nearDuplicates: boolean;
  model?: string;
  contextLimit?: number;
  tokenizer?: TokenizerName;
  maxListed?: number;
  maxLineBytes?: number;
  json: boolean;
}

export function shownPath(io: CliIo, file: string): string {
  const relativePath = relative(io.cwd, file);
  return relativePath.startsWith('..') ? file : relativePath;
}

async function analyse(io: CliIo, file: string, args: AnalysisArguments, label: string) {
  const progress = createByteProgress(io, label);
  const options: CheckDatasetOptions = {
    nearDuplicates: args.nearDuplicates,
    read: {
      onProgress: progress.onProgress,
      ...(args.maxLineBytes !== undefined ? { maxLineBytes: args.maxLineBytes } : {}),
    },
  };
  if (args.task !== undefined) options.task = await loadTaskFrom(io, args.task);
  if (args.format !== undefined) options.format = args.format;
  if (args.outputField !== undefined) options.outputField = args.outputField;
  if (args.minExamples !== undefined) options.minimumExamples = args.minExamples;
  if (args.similarity !== undefined) options.similarity = args.similarity;
  if (args.model !== undefined) options.contextModel = args.model;
  if (args.contextLimit !== undefined) options.contextLimit = args.contextLimit;
  if (args.tokenizer !== undefined) options.tokenizer = args.tokenizer;
  if (args.maxListed !== undefined) options.maxListedPerCode = args.maxListed;
  try {
    return await checkDataset(file, options);
  } finally {
    progress.stop();
  }
}

/** `data check FILE`: the report; exit 3 when any error was found. */
export async function dataCheckAction(
  io: CliIo,
  fileArgument: string,
  args: AnalysisArguments,
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const { report } = await analyse(io, file, args, 'check');
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else printDatasetReport(io, report, shownPath(io, file));
  return report.errors > 0 ? exitCodes.invalidInput : exitCodes.ok;
}

export interface FixArguments extends AnalysisArguments {
  output: string;
  log?: string;
}

/** `data fix FILE -o OUT` (and `dedupe`, which drops duplicates only and edits nothing). */
export async function dataFixAction(
  io: CliIo,
  fileArgument: string,
  args: FixArguments,
  mode: 'fix' | 'dedupe',
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const output = resolve(io.cwd, args.output);
  const { report, plan } = await analyse(io, file, args, mode);
  const result = await fixDataset(plan, output, {
    ...(args.maxLineBytes !== undefined ? { read: { maxLineBytes: args.maxLineBytes } } : {}),
    ...(args.log !== undefined ? { log: resolve(io.cwd, args.log) } : {}),
    ...(mode === 'dedupe'
      ? { onlyCodes: ['duplicate_row', 'near_duplicate'] as const, edit: false }
      : {}),
  });
  const remaining = Object.entries(report.counts).filter(([code]) =>
    report.problems.some((problem) => problem.code === code && !problem.fixable),
  );
  if (args.json) {
    io.stdout(
      `${JSON.stringify({ ...result, rows: report.rows, unfixable: Object.fromEntries(remaining) }, null, 2)}\n`,
    );
    return exitCodes.ok;
  }
  io.stdout(
    `wrote ${shownPath(io, output)}: ${result.written} rows kept, ${result.dropped} dropped, ${result.edited} edited\n`,
  );
  for (const [code, count] of Object.entries(result.droppedByCode))
    io.stdout(`  dropped ${count} × ${code}\n`);
  io.stdout(`change log: ${shownPath(io, result.log)}\n`);
  if (mode === 'fix' && remaining.length > 0) {
    io.stdout(
      `left for a person (not fixable): ${remaining.map(([code, count]) => `${code} ${count}`).join(' · ')}\n`,
    );
  }
  io.stdout(`check the result: tunegate data check ${shownPath(io, output)}\n`);
  return exitCodes.ok;
}
