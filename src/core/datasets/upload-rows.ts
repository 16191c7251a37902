import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedTask } from '../task/loaded-task.js';
import { compileTemplate } from '../template/fill-template.js';
import { AtomicFileWriter } from './atomic-file-writer.js';
import type { ViewOptions } from './dataset-views.js';
import { openDatasetViews } from './dataset-views.js';
import type { ExportEngine } from './engine-exporter.js';
import { exportDataset } from './export-dataset.js';

export interface UploadRows {
  /** The JSONL an engine receives. */
  content: Uint8Array;
  rows: number;
  skipped: number;
}

export interface UploadRowOptions extends ViewOptions {
  to: ExportEngine;
  /** Eval-case rows become the task's short-prompt chat rows (see `shortPromptSource`). */
  task?: LoadedTask | undefined;
  keepInstruction?: boolean | undefined;
}

/**
 * A dataset converted exactly as `tunegate finetune` uploads it (no checks here): what every
 * pre-training token count reads, so it counts the rows the job trains on.
 */
export async function uploadRows(file: string, options: UploadRowOptions): Promise<UploadRows> {
  const { task } = options;
  const keep = options.keepInstruction ?? false;
  const workspace = await mkdtemp(join(tmpdir(), 'tunegate-upload-'));
  try {
    const source = task ? await shortPromptSource(task, file, keep, workspace, 'train') : file;
    const outputField = task?.config.output.field ?? options.outputField;
    const exported = await exportDataset(source, {
      to: options.to,
      directory: join(workspace, 'export'),
      ...(outputField !== undefined ? { outputField } : {}),
      ...(source === file && options.format !== undefined ? { format: options.format } : {}),
      ...(options.read !== undefined ? { read: options.read } : {}),
      ...(task && keep ? { task } : {}),
    });
    return {
      content: new Uint8Array(await readFile(exported.dataFile)),
      rows: exported.written,
      skipped: exported.skipped,
    };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
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
