import { resolve } from 'node:path';
import type { DatasetFormat } from '../core/datasets/dataset-format.js';
import { findLeakage } from '../core/datasets/find-leakage.js';
import { fixDataset } from '../core/datasets/fix-dataset.js';
import type { SplitRatios } from '../core/datasets/split-assignment.js';
import { splitDataset } from '../core/datasets/split-dataset.js';
import type { CliIo } from './cli-io.js';
import { shownPath } from './data-check-action.js';
import { createByteProgress } from './data-progress.js';
import { formatProblemLine } from './data-report-printer.js';
import { exitCodes } from './exit-codes.js';

export interface SplitArguments {
  output: string;
  train: number;
  validation: number;
  eval: number;
  seed: number;
  stratify: boolean | undefined;
  format?: DatasetFormat;
  outputField?: string;
  json: boolean;
}

/** `data split FILE -o DIR`: seeded train / validation / eval files, stratified by label. */
export async function dataSplitAction(
  io: CliIo,
  fileArgument: string,
  args: SplitArguments,
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const ratios: SplitRatios = { train: args.train, validation: args.validation, eval: args.eval };
  const progress = createByteProgress(io, 'split');
  const result = await splitDataset(file, resolve(io.cwd, args.output), {
    ratios,
    read: { onProgress: progress.onProgress },
    seed: args.seed,
    stratify: args.stratify ?? 'auto',
    ...(args.format !== undefined ? { format: args.format } : {}),
    ...(args.outputField !== undefined ? { outputField: args.outputField } : {}),
  }).finally(() => progress.stop());
  if (args.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return exitCodes.ok;
  }
  for (const name of ['train', 'validation', 'eval'] as const) {
    io.stdout(
      `${name.padEnd(10)} ${String(result.counts[name]).padStart(8)} rows  ${shownPath(io, result.files[name])}\n`,
    );
  }
  io.stdout(`${result.stratified ? 'stratified by label' : 'not stratified'}, seed ${args.seed}`);
  io.stdout(
    result.skipped > 0
      ? `; ${result.skipped} unusable rows left out (see tunegate data check)\n`
      : '\n',
  );
  return exitCodes.ok;
}

export interface LeakageArguments {
  against: string;
  similarity?: number;
  format?: DatasetFormat;
  againstFormat?: DatasetFormat;
  outputField?: string;
  againstOutputField?: string;
  output?: string;
  maxListed?: number;
  json: boolean;
}

/** `data leakage FILE --against EVAL`: exact and near copies of eval inputs; exit 3 if any. */
export async function dataLeakageAction(
  io: CliIo,
  fileArgument: string,
  args: LeakageArguments,
): Promise<number> {
  const file = resolve(io.cwd, fileArgument);
  const against = resolve(io.cwd, args.against);
  const progress = createByteProgress(io, 'leakage');
  const report = await findLeakage(file, against, {
    againstName: shownPath(io, against),
    read: { onProgress: progress.onProgress },
    ...(args.similarity !== undefined ? { similarity: args.similarity } : {}),
    ...(args.format !== undefined ? { format: args.format } : {}),
    ...(args.outputField !== undefined ? { outputField: args.outputField } : {}),
    ...(args.maxListed !== undefined ? { maxListedPerCode: args.maxListed } : {}),
    against: {
      read: { onProgress: progress.onProgress },
      ...(args.againstFormat !== undefined ? { format: args.againstFormat } : {}),
      ...(args.againstOutputField !== undefined ? { outputField: args.againstOutputField } : {}),
    },
  }).finally(() => progress.stop());
  const leaks = report.exact + report.near;
  const { plan, ...printable } = report;
  let cleaned: string | undefined;
  if (args.output !== undefined) {
    const result = await fixDataset(plan, resolve(io.cwd, args.output), {
      edit: false,
      onlyCodes: ['leaked_example'],
    });
    cleaned = result.output;
  }
  if (args.json) {
    io.stdout(`${JSON.stringify({ ...printable, ...(cleaned ? { cleaned } : {}) }, null, 2)}\n`);
  } else {
    io.stdout(
      `${shownPath(io, file)} against ${shownPath(io, against)}: ${report.rows} rows, ${report.evalRows} eval rows\n`,
    );
    io.stdout(
      `${report.exact} exact and ${report.near} near copies of eval inputs (similarity ≥ ${report.similarityThreshold})\n`,
    );
    for (const problem of report.problems) io.stdout(`${formatProblemLine(problem)}\n`);
    if (report.unlisted > 0) io.stdout(`  … and ${report.unlisted} more\n`);
    if (cleaned) io.stdout(`wrote ${shownPath(io, cleaned)} without the leaking rows\n`);
  }
  return leaks > 0 ? exitCodes.invalidInput : exitCodes.ok;
}
