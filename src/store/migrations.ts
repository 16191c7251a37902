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
];
