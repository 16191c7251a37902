import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { AtomicFileWriter } from '../datasets/atomic-file-writer.js';
import { checkDataset } from '../datasets/check-dataset.js';
import { openDatasetViews } from '../datasets/dataset-views.js';
import type { ExportEngine } from '../datasets/engine-exporter.js';
import { exportDataset } from '../datasets/export-dataset.js';
import { findLeakage } from '../datasets/find-leakage.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { resolveDataPath } from '../task/read-data-file.js';
import { compileTemplate } from '../template/fill-template.js';

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
  const workspace = await mkdtemp(join(tmpdir(), 'tunegate-finetune-'));
  try {
    return {
      training: await convert(task, training, options, workspace, 'train'),
      validation: validation
        ? await convert(task, validation, options, workspace, 'validation')
        : undefined,
      warnings,
    };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
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
  workspace: string,
  name: string,
): Promise<PreparedFile> {
  const outputField = task.config.output.field;
  const source = await shortPromptSource(
    task,
    file,
    options.keepInstruction ?? false,
    workspace,
    name,
  );
  const directory = join(workspace, name);
  const exported = await exportDataset(source, {
    to: options.format,
    directory,
    outputField,
    ...(options.keepInstruction ? { task } : {}),
  });
  const content = await readFile(exported.dataFile);
  return {
    source: file,
    filename: `${basename(file).replace(/\.[^.]+$/, '')}.${options.format}.jsonl`,
    content: new Uint8Array(content),
    rows: exported.written,
    skipped: exported.skipped,
  };
}

/**
 * The file to export: eval-case rows become chat rows of the short prompt (in `workspace`)
 * unless the instruction is kept; any other format is the user's own and is used as it is.
 */
export async function shortPromptSource(
  task: LoadedTask,
  file: string,
  keepInstruction: boolean,
  workspace: string,
  name: string,
): Promise<string> {
  const viewed = await openDatasetViews(file, { outputField: task.config.output.field });
  if (viewed.format !== 'eval-cases' || keepInstruction) {
    // Close the stream opened only to learn the format.
    await viewed.rows.return(undefined);
    return file;
  }
  const source = join(workspace, `${name}-short.jsonl`);
  await writeShortPromptRows(task, viewed.rows, source);
  return source;
}

/** Eval-case rows as chat rows: the task's input template as the user turn, the answer after it. */
async function writeShortPromptRows(
  task: LoadedTask,
  rows: AsyncIterable<{ value: Record<string, unknown> | undefined }>,
  target: string,
): Promise<void> {
  const renderInput = compileTemplate(task.config.input);
  const field = task.config.output.field;
  const writer = await AtomicFileWriter.open(target);
  try {
    for await (const { value } of rows) {
      if (value === undefined) continue;
      const answer = value[field];
      if (answer === undefined || answer === null) continue;
      const messages = [
        { role: 'user', content: renderInput(value) },
        {
          role: 'assistant',
          content: typeof answer === 'string' ? answer : JSON.stringify(answer),
        },
      ];
      await writer.write(`${JSON.stringify({ messages })}\n`);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
