/** Emitted as cells finish; the CLI draws a bar from it, the web app streams it. */
export interface RunProgress {
  runId: string;
  total: number;
  /** Cells finished in this invocation plus those already stored (resume). */
  done: number;
  skipped: number;
  passed: number;
  failed: number;
  errors: number;
  cached: number;
  elapsedMs: number;
}
