import type { LimitsAnalysis } from '../limits/analyze-limits.js';
import type { LintReport } from '../prompt-lab/lint-task.js';
import type { TaskConfig } from '../task/task-schema.js';
import type { DatasetReadiness } from './dataset-readiness.js';

/** Everything the five gates read; each gate is a pure function of it. */
export interface GateInputs {
  task: TaskConfig;
  /** Cases in the eval set: a baseline must cover all of them. */
  evalCases: number;
  limits: LimitsAnalysis;
  lint: LintReport;
  dataset: DatasetReadiness;
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export const interval = (lower: number, upper: number) =>
  `95% CI ${percent(lower)}–${percent(upper)}`;
