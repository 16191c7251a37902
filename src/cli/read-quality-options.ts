import { existsSync } from 'node:fs';
import { type QualityOptions, qualityOptions } from '../core/eval/quality-options.js';
import { loadTask } from '../core/task/load-task.js';
import type { CliIo } from './cli-io.js';
import { taskFilePath } from './task-location.js';

/**
 * How the task's outputs are measured (JSON agreement, label outputs), when its file can be
 * read; without one, outputs are compared as text and diversity is judged by answer length.
 */
export async function readQualityOptions(
  io: CliIo,
  task: string | undefined,
): Promise<Partial<QualityOptions>> {
  const file = taskFilePath(io, task);
  if (!existsSync(file)) return {};
  try {
    return qualityOptions((await loadTask(file)).config);
  } catch {
    return {};
  }
}
