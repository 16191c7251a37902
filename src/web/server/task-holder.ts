import { stat } from 'node:fs/promises';
import { loadTask } from '../../core/task/load-task.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';

/**
 * The task file, loaded again whenever it changes on disk (a saved variant, an edit in another
 * window), so every page reads the current version.
 */
export class TaskHolder {
  readonly file: string;
  #stamp = '';
  #loading: Promise<LoadedTask> | undefined;

  constructor(file: string) {
    this.file = file;
  }

  /** The current task; throws the loader's TunegateError when the file is missing or invalid. */
  async get(): Promise<LoadedTask> {
    const info = await stat(this.file).catch(() => undefined);
    const stamp = info ? `${info.mtimeMs}:${info.size}` : 'missing';
    if (stamp !== this.#stamp || this.#loading === undefined) {
      this.#stamp = stamp;
      this.#loading = loadTask(this.file);
      // A failed load is retried on the next request rather than remembered.
      this.#loading.catch(() => {
        this.#stamp = '';
      });
    }
    return this.#loading;
  }
}
