import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetProblem } from '../../src/core/datasets/dataset-problem.js';
import type { DatasetReport } from '../../src/core/datasets/dataset-report.js';
import { type DatasetProblemCode, problemCodes } from '../../src/core/datasets/problem-catalog.js';
import { json, runData } from './data-harness.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/datasets');

interface Expectation {
  /** Fixture file (default CODE.jsonl). */
  file?: string;
  /** Extra arguments to `data check`. */
  args?: string[];
  /** Lines the code must be reported on; [] for a file-wide problem (no line). */
  lines: number[];
  /** Where a duplicate or leak points. */
  otherLines?: number[];
}

/** Every problem code, the fixture that provokes it and the lines it must be reported on. */
const expectations: Record<Exclude<DatasetProblemCode, 'leaked_example'>, Expectation> = {
  line_too_long: { args: ['--max-line-bytes', '1000'], lines: [2] },
  invalid_utf8: { lines: [2] },
  invalid_json: { lines: [2, 4] },
  invalid_csv: { file: 'invalid_csv.csv', lines: [3] },
  not_an_object: { lines: [2, 3] },
  missing_messages: { lines: [2, 3] },
  message_not_object: { lines: [2] },
  message_missing_key: { lines: [2, 3, 4] },
  message_unrecognized_key: { lines: [2] },
  unrecognized_key: { lines: [2] },
  unrecognized_role: { lines: [2] },
  missing_content: { lines: [2, 3] },
  missing_assistant_message: { lines: [2] },
  invalid_weight: { lines: [2, 3] },
  invalid_tools: { lines: [2, 3] },
  invalid_tool_call: { lines: [2, 3] },
  no_trainable_message: { lines: [2] },
  empty_system_message: { lines: [2] },
  missing_field: { lines: [2] },
  invalid_preference: { lines: [2, 3] },
  identical_preference: { lines: [2] },
  empty_field: { lines: [2] },
  empty_input_field: { file: 'empty_input_field.csv', lines: [4] },
  too_few_examples: { lines: [] },
  duplicate_row: { lines: [3], otherLines: [1] },
  long_example: { lines: [2] },
  missing_prompt_separator: { lines: [] },
  inconsistent_prompt_separator: { lines: [3] },
  missing_completion_ending: { lines: [] },
  inconsistent_completion_ending: { lines: [4] },
  completion_missing_leading_space: { lines: [2] },
  mostly_uppercase: { lines: [2] },
  classification_detected: { lines: [] },
  near_duplicate: { lines: [3], otherLines: [1] },
  fails_task_checks: { args: ['--task', join(fixtures, 'task-label')], lines: [3] },
  checks_skipped: { args: ['--task', join(fixtures, 'task-judge')], lines: [] },
  label_imbalance: { file: 'label_imbalance.csv', lines: [] },
  inconsistent_output_format: { lines: [4] },
  length_outlier: { lines: [26] },
  over_context_limit: { args: ['--context-limit', '100'], lines: [2] },
  below_policy_minimum: { lines: [] },
};

describe('tunegate data check: one fixture per problem code', () => {
  it('covers every code of the catalog (leaks are found by data leakage)', () => {
    const covered = new Set([...Object.keys(expectations), 'leaked_example']);
    expect(problemCodes.filter((code) => !covered.has(code))).toEqual([]);
  });

  for (const [code, expectation] of Object.entries(expectations)) {
    it(`reports ${code}`, async () => {
      const file = join(fixtures, expectation.file ?? `${code}.jsonl`);
      expect(existsSync(file)).toBe(true);
      const outcome = await runData(fixtures, [
        'check',
        file,
        '--json',
        ...(expectation.args ?? []),
      ]);
      const report = json<DatasetReport>(outcome);
      const found = report.problems.filter((problem: DatasetProblem) => problem.code === code);
      expect(found.map((problem) => problem.line ?? null)).toEqual(
        expectation.lines.length === 0 ? [null] : expectation.lines,
      );
      if (expectation.otherLines) {
        expect(found.map((problem) => problem.otherLine)).toEqual(expectation.otherLines);
      }
      expect(outcome.code).toBe(report.errors > 0 ? 3 : 0);
    });
  }

  it('reports leaked_example for exact and near copies of eval inputs', async () => {
    const outcome = await runData(fixtures, [
      'leakage',
      'leakage-train.jsonl',
      '--against',
      'leakage-eval.csv',
      '--json',
    ]);
    expect(outcome.code).toBe(3);
    const report = json<{ exact: number; near: number; problems: DatasetProblem[] }>(outcome);
    expect(report.exact).toBe(1);
    expect(report.near).toBe(1);
    expect(
      report.problems.map((problem) => [problem.code, problem.line, problem.otherLine]),
    ).toEqual([
      ['leaked_example', 2, 3],
      ['leaked_example', 3, 4],
    ]);
  });
});
