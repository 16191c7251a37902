import { basename } from 'node:path';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { checkDataset } from '../datasets/check-dataset.js';
import type { ExportEngine } from '../datasets/engine-exporter.js';
import { findLeakage } from '../datasets/find-leakage.js';
import { uploadRows } from '../datasets/upload-rows.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { resolveDataPath } from '../task/read-data-file.js';

export interface PreparedFile {
  /** The file the user named. */
  source: string;
  filename: string;
  content: Uint8Array;
  rows: number;
  skipped: number;
}

export interface PreparedTrainingFiles {
  training: PreparedFile;
  validation: PreparedFile | undefined;
  /** Dataset warnings worth showing (errors stop preparation). */
  warnings: Problem[];
}

export interface PrepareOptions {
  /** Training file (default: the task's `data.train`), relative to the working folder or absolute. */
  train?: string | undefined;
  validation?: string | undefined;
  /** The engine's upload format. */
  format: ExportEngine;
  /**
   * Keep the task instruction as the system message of eval-case rows. By default a row is
   * only the case input and its answer, the short prompt the finetuned model is compared on.
   */
  keepInstruction?: boolean;
}

/**
 * Rule 5 before anything is uploaded: each file passes the dataset checks (format, the task's
 * own checks, duplicates, the policy minimum for training) and shares no input with the eval
 * set; then it is converted to the engine's format. Errors stop here, with every problem.
 */
export async function prepareTrainingFiles(
  task: LoadedTask,
  options: PrepareOptions,
): Promise<PreparedTrainingFiles> {
  const config = task.config;
  const trainPath = options.train ?? config.data.train;
  if (!trainPath) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      'no training data: set data.train in the task or pass --train FILE',
    );
  }
  const validationPath = options.validation ?? config.data.validation;
  const warnings: Problem[] = [];
  const training = await checkTrainingFile(
    task,
    resolveDataPath(task, trainPath),
    'training',
    warnings,
  );
  const validation = validationPath
    ? await checkTrainingFile(task, resolveDataPath(task, validationPath), 'validation', warnings)
    : undefined;
  return {
    training: await convert(task, training, options),
    validation: validation ? await convert(task, validation, options) : undefined,
    warnings,
  };
}

/** Throws with every error problem when the file is not ready; collects its warnings. */
export async function checkTrainingFile(
  task: LoadedTask,
  file: string,
  role: 'training' | 'validation',
  warnings: Problem[],
): Promise<string> {
  const outputField = task.config.output.field;
  const { report } = await checkDataset(file, {
    task,
    outputField,
    // The policy minimum applies to the training set; a validation set may be small.
    ...(role === 'validation' ? { minimumExamples: 1 } : {}),
  });
  const evalFile = resolveDataPath(task, task.config.data.eval);
  const leakage = await findLeakage(file, evalFile, {
    outputField,
    against: { format: 'eval-cases', outputField },
    againstName: task.config.data.eval,
  });
  const errors = [
    ...report.problems.filter((problem) => problem.severity === 'error'),
    ...leakage.problems,
  ];
  if (errors.length > 0) {
    const first = errors[0] as Problem;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new TunegateError(
      'INVALID_DATA',
      `the ${role} file ${file} is not ready to upload: ${first.line ? `line ${first.line}: ` : ''}${first.message} [${first.code}]${more}; run tunegate data check, then data fix`,
      { problems: errors.map((problem) => ({ ...problem, file: problem.file ?? file })) },
    );
  }
  warnings.push(...report.problems.filter((problem) => problem.severity !== 'error'));
  return file;
}

async function convert(
  task: LoadedTask,
  file: string,
  options: PrepareOptions,
): Promise<PreparedFile> {
  const rows = await uploadRows(file, {
    to: options.format,
    task,
    keepInstruction: options.keepInstruction ?? false,
  });
  return {
    source: file,
    filename: `${basename(file).replace(/\.[^.]+$/, '')}.${options.format}.jsonl`,
    content: rows.content,
    rows: rows.rows,
    skipped: rows.skipped,
  };
}
