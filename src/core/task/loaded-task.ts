import type { TaskConfig } from './task-schema.js';

/** A validated task plus where it lives; data paths in `config` are relative to `directory`. */
export interface LoadedTask {
  config: TaskConfig;
  /** Absolute path of the tunegate.yaml file. */
  file: string;
  /** Absolute directory of the task file. */
  directory: string;
  /** sha256 of the task file's bytes, to tell runs of different task versions apart. */
  hash: string;
}
