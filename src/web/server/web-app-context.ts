import type { JobSource } from '../../core/jobs/job-source.js';
import type { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { PlaygroundSessions } from './playground-sessions.js';
import { RunCellQueries } from './run-cell-queries.js';
import { RunQualityCache } from './run-quality-cache.js';
import { TaskHolder } from './task-holder.js';

export interface WebAppOptions {
  store: SqliteEvalStore;
  storeFile: string;
  taskFile: string;
  env: Record<string, string | undefined>;
  jobs: JobSource;
  version: string;
  /** Who reviews dataset rows in this session (written to the lineage file). */
  reviewer: string;
  /** How often event streams poll the store and the job source. */
  pollIntervalMs: number;
}

/** The state every API handler shares for one `tunegate ui` session. */
export class WebAppContext {
  readonly store: SqliteEvalStore;
  readonly storeFile: string;
  readonly task: TaskHolder;
  readonly env: Record<string, string | undefined>;
  readonly jobs: JobSource;
  readonly version: string;
  readonly reviewer: string;
  readonly pollIntervalMs: number;
  readonly queries: RunCellQueries;
  readonly quality = new RunQualityCache();
  readonly playground = new PlaygroundSessions();

  constructor(options: WebAppOptions) {
    this.store = options.store;
    this.storeFile = options.storeFile;
    this.task = new TaskHolder(options.taskFile);
    this.env = options.env;
    this.jobs = options.jobs;
    this.version = options.version;
    this.reviewer = options.reviewer;
    this.pollIntervalMs = options.pollIntervalMs;
    this.queries = new RunCellQueries(options.store.database);
  }
}
