/** Ordered schema migrations; `PRAGMA user_version` records how many have run. Never edit a shipped one. */
export const migrations: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     task_name TEXT NOT NULL,
     task_file TEXT NOT NULL,
     task_hash TEXT NOT NULL,
     options_json TEXT NOT NULL,
     status TEXT NOT NULL,
     total_cells INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE TABLE cells (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     cell_key TEXT NOT NULL,
     variant TEXT NOT NULL,
     model TEXT NOT NULL,
     sampling_index INTEGER NOT NULL,
     sampling_json TEXT NOT NULL,
     case_id TEXT NOT NULL,
     repeat INTEGER NOT NULL,
     status TEXT NOT NULL,
     output TEXT,
     error_code TEXT,
     error_message TEXT,
     passed INTEGER,
     format_passed INTEGER,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     tokens_estimated INTEGER NOT NULL,
     cost REAL,
     latency_ms REAL NOT NULL,
     finish_reason TEXT,
     cached INTEGER NOT NULL,
     attempts INTEGER NOT NULL,
     PRIMARY KEY (run_id, cell_key)
   ) WITHOUT ROWID;
   -- Summaries stream cells group by group, case by case: this index makes that order free.
   CREATE INDEX cells_by_group ON cells (run_id, variant, model, sampling_index, case_id, repeat);
   CREATE TABLE check_results (
     run_id TEXT NOT NULL,
     cell_key TEXT NOT NULL,
     position INTEGER NOT NULL,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     pass INTEGER NOT NULL,
     score REAL,
     reason TEXT,
     PRIMARY KEY (run_id, cell_key, position)
   ) WITHOUT ROWID;
   CREATE TABLE response_cache (
     key TEXT PRIMARY KEY,
     text TEXT NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     tokens_estimated INTEGER NOT NULL,
     finish_reason TEXT NOT NULL,
     latency_ms REAL NOT NULL,
     created_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // Run kinds, and per-case tallies kept by triggers so gates and reports aggregate a
  // million-cell store from a few hundred thousand rows instead of every cell.
  `ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'eval';
   CREATE INDEX runs_by_task ON runs (task_name, created_at);
   CREATE TABLE case_outcomes (
     run_id TEXT NOT NULL,
     variant TEXT NOT NULL,
     model TEXT NOT NULL,
     sampling_index INTEGER NOT NULL,
     case_id TEXT NOT NULL,
     trials INTEGER NOT NULL,
     passed INTEGER NOT NULL,
     format_failed INTEGER NOT NULL,
     errors INTEGER NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cost REAL NOT NULL,
     cost_unknown INTEGER NOT NULL,
     PRIMARY KEY (run_id, variant, model, sampling_index, case_id)
   ) WITHOUT ROWID;
   INSERT INTO case_outcomes
     SELECT run_id, variant, model, sampling_index, case_id, count(*), total(passed = 1),
            total(format_passed = 0), total(status = 'error'), total(input_tokens),
            total(output_tokens), total(cost), total(cost IS NULL)
     FROM cells GROUP BY run_id, variant, model, sampling_index, case_id;
   CREATE TRIGGER cells_tally_insert AFTER INSERT ON cells BEGIN
     INSERT INTO case_outcomes VALUES (
       new.run_id, new.variant, new.model, new.sampling_index, new.case_id, 1,
       new.passed IS 1, new.format_passed IS 0, new.status = 'error', new.input_tokens,
       new.output_tokens, coalesce(new.cost, 0), new.cost IS NULL)
     ON CONFLICT DO UPDATE SET
       trials = trials + 1,
       passed = passed + excluded.passed,
       format_failed = format_failed + excluded.format_failed,
       errors = errors + excluded.errors,
       input_tokens = input_tokens + excluded.input_tokens,
       output_tokens = output_tokens + excluded.output_tokens,
       cost = cost + excluded.cost,
       cost_unknown = cost_unknown + excluded.cost_unknown;
   END;
   CREATE TRIGGER cells_tally_delete AFTER DELETE ON cells BEGIN
     UPDATE case_outcomes SET
       trials = trials - 1,
       passed = passed - (old.passed IS 1),
       format_failed = format_failed - (old.format_passed IS 0),
       errors = errors - (old.status = 'error'),
       input_tokens = input_tokens - old.input_tokens,
       output_tokens = output_tokens - old.output_tokens,
       cost = cost - coalesce(old.cost, 0),
       cost_unknown = cost_unknown - (old.cost IS NULL)
     WHERE run_id = old.run_id AND variant = old.variant AND model = old.model
       AND sampling_index = old.sampling_index AND case_id = old.case_id;
     DELETE FROM case_outcomes
     WHERE run_id = old.run_id AND variant = old.variant AND model = old.model
       AND sampling_index = old.sampling_index AND case_id = old.case_id AND trials <= 0;
   END;`,
  // Finetune jobs with their event log and loss curve (following resumes from these), and the
  // stored results of `compare` and `sweep`.
  `CREATE TABLE finetune_jobs (
     id TEXT PRIMARY KEY,
     engine TEXT NOT NULL,
     base_url TEXT,
     account TEXT,
     task_name TEXT NOT NULL,
     task_file TEXT NOT NULL,
     base_model TEXT NOT NULL,
     training_file TEXT NOT NULL,
     validation_file TEXT,
     hyperparameters_json TEXT NOT NULL,
     suffix TEXT,
     model_name TEXT NOT NULL,
     status TEXT NOT NULL,
     raw_status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     finished_at TEXT,
     result_model TEXT,
     error_message TEXT,
     progress REAL,
     trained_tokens INTEGER,
     registered INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX finetune_jobs_by_task ON finetune_jobs (task_name, created_at);
   CREATE TABLE finetune_events (
     job_id TEXT NOT NULL REFERENCES finetune_jobs(id) ON DELETE CASCADE,
     event_id TEXT NOT NULL,
     at TEXT NOT NULL,
     level TEXT NOT NULL,
     message TEXT NOT NULL,
     UNIQUE (job_id, event_id)
   );
   CREATE TABLE finetune_loss (
     job_id TEXT NOT NULL REFERENCES finetune_jobs(id) ON DELETE CASCADE,
     step INTEGER NOT NULL,
     loss REAL NOT NULL,
     validation_loss REAL,
     PRIMARY KEY (job_id, step)
   ) WITHOUT ROWID;
   CREATE TABLE comparisons (
     id TEXT PRIMARY KEY,
     task_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     result_json TEXT NOT NULL
   );
   CREATE INDEX comparisons_by_task ON comparisons (task_name, created_at);
   CREATE TABLE sweeps (
     id TEXT PRIMARY KEY,
     task_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     run_id TEXT NOT NULL,
     result_json TEXT NOT NULL
   );
   CREATE INDEX sweeps_by_task ON sweeps (task_name, created_at);`,
  // tunegate serve's fine-tuning API: uploaded files, jobs, their events and checkpoints.
  // `position` orders each table by insertion, which the API's `after` cursors page through.
  `CREATE TABLE server_files (
     position INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     filename TEXT NOT NULL,
     purpose TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     path TEXT NOT NULL,
     examples INTEGER NOT NULL,
     format TEXT NOT NULL,
     warnings_json TEXT NOT NULL
   );
   CREATE TABLE server_fine_tuning_jobs (
     position INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     base_model TEXT NOT NULL,
     base_model_path TEXT NOT NULL,
     suffix TEXT,
     model_name TEXT NOT NULL UNIQUE,
     training_file TEXT NOT NULL,
     validation_file TEXT,
     seed INTEGER NOT NULL,
     status TEXT NOT NULL,
     hyperparameters_json TEXT NOT NULL,
     auto_json TEXT NOT NULL,
     metadata_json TEXT,
     adapter_path TEXT,
     finished_at INTEGER,
     trained_tokens INTEGER,
     error_json TEXT,
     estimated_finish INTEGER,
     result_files_json TEXT NOT NULL,
     owner TEXT,
     heartbeat_at INTEGER
   );
   CREATE INDEX server_fine_tuning_jobs_by_status ON server_fine_tuning_jobs (status);
   CREATE TABLE server_fine_tuning_events (
     position INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     job_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     level TEXT NOT NULL,
     type TEXT NOT NULL,
     message TEXT NOT NULL,
     data_json TEXT
   );
   CREATE INDEX server_fine_tuning_events_by_job ON server_fine_tuning_events (job_id, position);
   CREATE TABLE server_fine_tuning_checkpoints (
     position INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     job_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     step_number INTEGER NOT NULL,
     model_name TEXT NOT NULL UNIQUE,
     adapter_path TEXT NOT NULL,
     metrics_json TEXT NOT NULL
   );
   CREATE INDEX server_fine_tuning_checkpoints_by_job
     ON server_fine_tuning_checkpoints (job_id, position);`,
];
