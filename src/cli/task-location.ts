import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadTask } from '../core/task/load-task.js';
import type { LoadedTask } from '../core/task/loaded-task.js';
import { SqliteEvalStore } from '../store/sqlite-eval-store.js';
import type { CliIo } from './cli-io.js';

/** `--task` may name the YAML file or its folder; the default is ./tunegate.yaml. */
export function taskFilePath(io: CliIo, task: string | undefined): string {
  const candidate = resolve(io.cwd, task ?? 'tunegate.yaml');
  if (existsSync(candidate) && statSync(candidate).isDirectory()) {
    return join(candidate, 'tunegate.yaml');
  }
  return candidate;
}

export function loadTaskFrom(io: CliIo, task: string | undefined): Promise<LoadedTask> {
  return loadTask(taskFilePath(io, task));
}

/** The store lives beside the task unless `--store` says otherwise. */
export function openStore(io: CliIo, taskFile: string, store: string | undefined): SqliteEvalStore {
  const file = store ? resolve(io.cwd, store) : join(dirname(taskFile), '.tunegate', 'tunegate.db');
  return new SqliteEvalStore(file);
}
