export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

/**
 * `probe`: the plain instruction, zero-shot, on every candidate model (gate 1); `compare`: a
 * finetuned model on its short prompt (`tunegate compare`); `sweep`: a sampling grid on one
 * model (`tunegate sweep`); `eval`: anything else. Compare and sweep runs are not prompt
 * evidence: limits and gates read only `eval` and `probe` runs.
 */
export type RunKind = 'eval' | 'probe' | 'compare' | 'sweep';

/** The filters a run was started with; resume replays them so the plan is identical. */
export interface RunOptions {
  variants?: string[];
  models?: string[];
  limit?: number;
  repeats?: number;
}

export interface RunRecord {
  id: string;
  taskName: string;
  taskFile: string;
  taskHash: string;
  options: RunOptions;
  status: RunStatus;
  totalCells: number;
  createdAt: string;
  finishedAt: string | null;
  /** Absent means `eval`, so records written before kinds existed stay valid. */
  kind?: RunKind;
}
