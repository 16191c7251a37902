import type { DatasetContainer, DatasetFormat } from './dataset-format.js';
import type { DatasetProblem } from './dataset-problem.js';
import type { LegacyDecisions } from './legacy-format-checks.js';
import type { DatasetProblemCode } from './problem-catalog.js';

/** The result of `data check`, as data (what `--json` prints). */
export interface DatasetReport {
  file: string;
  format: DatasetFormat;
  container: DatasetContainer;
  /** Non-blank rows, readable or not. */
  rows: number;
  /** Rows that survive `data fix` (nothing drops them). */
  cleanRows: number;
  /** The policy minimum of clean rows (the task's `policy.minTrainExamples`, default 200). */
  minimumCleanRows: number;
  /** Problems of each severity, all counted (not only the listed ones). */
  errors: number;
  warnings: number;
  /** Every problem code found, with how often. */
  counts: Partial<Record<DatasetProblemCode, number>>;
  /** The problems, up to a number per code, file-wide ones first then by line. */
  problems: DatasetProblem[];
  /** Problems counted but not listed. */
  unlisted: number;
  /** The field holding the output of eval-case rows. */
  outputField?: string;
  /** Classification (few distinct outputs) or generation. */
  taskType: 'classification' | 'generation';
  /** Distinct outputs with their counts, when they look like labels. */
  labels?: { label: string; count: number }[];
  /** The estimated similarity at or above which rows count as near-duplicates. */
  similarityThreshold: number;
  /** Longest example allowed, in tokens, and for which model. */
  contextLimit: { tokens: number; model: string };
}

/** What `data fix` needs from a check, beyond the report: per-row decisions. */
export interface FixPlan {
  file: string;
  format: DatasetFormat;
  container: DatasetContainer;
  outputField: string | undefined;
  /** CSV header. */
  columns: string[] | undefined;
  /** Per record index: 0 keeps the row, else the number of the problem code that drops it. */
  drops: Uint8Array;
  /** Per record index: the line of the row a duplicate or near-duplicate repeats (0: none). */
  related: Uint32Array;
  lines: Uint32Array;
  legacy: LegacyDecisions | undefined;
}

export interface DatasetAnalysis {
  report: DatasetReport;
  plan: FixPlan;
}
