import type { DatasetProblem } from './dataset-problem.js';

/**
 * What the dataset-level checks need from one row, whatever its format: the texts to compare,
 * measure and check, without the record itself (a million of these are never kept).
 */
export interface ExampleView {
  /** The input side: user and tool turns, the prompt, instruction and input, eval input fields. */
  input: string;
  /** The target output: last assistant turn, completion, output, or the eval output field. */
  output: string | undefined;
  /** Input and output without system messages: what near-duplicate detection compares. */
  text: string;
  /** Every text of the row including system messages: length, case and context checks. */
  fullText: string;
  /** Roles and contents in order: rows with the same identity are exact duplicates. */
  identity: string;
  /** Chat messages in the row (0 for non-chat formats): per-message token overhead. */
  messageCount: number;
  /** Template variables for the task's checks (`{{expected}}`, `{{input}}`, case fields). */
  caseFields: Record<string, unknown>;
  /** The prompt and completion of a legacy row, for the separator and ending checks. */
  legacy?: { prompt: string; completion: string };
}

export interface RowContext {
  file: string;
  line: number;
  /** The field holding the output of an eval-case row (the task's `output.field`, or guessed). */
  outputField: string | undefined;
}

export interface RowResult {
  problems: DatasetProblem[];
  /** Absent when the row is too broken to describe. */
  view: ExampleView | undefined;
}

export type RowRules = (value: Record<string, unknown>, context: RowContext) => RowResult;
