/**
 * Every problem code the dataset workbench reports, with its severity and what `data fix`
 * does about it: `drop` removes the row, `edit` rewrites it, `none` leaves it to a person.
 */
export type FixAction = 'drop' | 'edit' | 'none';

export interface ProblemSpec {
  severity: 'error' | 'warning';
  fix: FixAction;
}

const spec = (severity: ProblemSpec['severity'], fix: FixAction): ProblemSpec => ({
  severity,
  fix,
});

export const problemCatalog = {
  // Reading the file.
  line_too_long: spec('error', 'drop'),
  invalid_utf8: spec('error', 'drop'),
  invalid_json: spec('error', 'drop'),
  invalid_csv: spec('error', 'drop'),
  not_an_object: spec('error', 'drop'),
  // OpenAI chat fine-tuning format (the data-prep checks of OpenAI's cookbook, plus tools).
  missing_messages: spec('error', 'drop'),
  message_not_object: spec('error', 'drop'),
  message_missing_key: spec('error', 'drop'),
  message_unrecognized_key: spec('error', 'edit'),
  unrecognized_key: spec('warning', 'edit'),
  unrecognized_role: spec('error', 'drop'),
  missing_content: spec('error', 'drop'),
  missing_assistant_message: spec('error', 'drop'),
  invalid_weight: spec('error', 'drop'),
  invalid_tools: spec('error', 'drop'),
  invalid_tool_call: spec('error', 'drop'),
  no_trainable_message: spec('warning', 'none'),
  empty_system_message: spec('warning', 'edit'),
  // Other record shapes.
  missing_field: spec('error', 'drop'),
  invalid_preference: spec('error', 'drop'),
  identical_preference: spec('warning', 'drop'),
  empty_field: spec('error', 'drop'),
  empty_input_field: spec('warning', 'none'),
  // OpenAI's legacy prompt/completion validators.
  too_few_examples: spec('warning', 'none'),
  duplicate_row: spec('warning', 'drop'),
  long_example: spec('warning', 'drop'),
  missing_prompt_separator: spec('warning', 'edit'),
  inconsistent_prompt_separator: spec('warning', 'edit'),
  missing_completion_ending: spec('warning', 'edit'),
  inconsistent_completion_ending: spec('warning', 'edit'),
  completion_missing_leading_space: spec('warning', 'edit'),
  mostly_uppercase: spec('warning', 'none'),
  classification_detected: spec('warning', 'none'),
  // Ours.
  near_duplicate: spec('warning', 'drop'),
  fails_task_checks: spec('error', 'drop'),
  checks_skipped: spec('warning', 'none'),
  label_imbalance: spec('warning', 'none'),
  inconsistent_output_format: spec('warning', 'none'),
  length_outlier: spec('warning', 'none'),
  over_context_limit: spec('error', 'drop'),
  below_policy_minimum: spec('error', 'none'),
  leaked_example: spec('error', 'drop'),
} as const satisfies Record<string, ProblemSpec>;

export type DatasetProblemCode = keyof typeof problemCatalog;

/** Stable numbering, so a row's drop reason fits in one byte (0 means "kept"). */
export const problemCodes = Object.keys(problemCatalog) as DatasetProblemCode[];

export function problemCodeNumber(code: DatasetProblemCode): number {
  return problemCodes.indexOf(code) + 1;
}

export function problemCodeOfNumber(value: number): DatasetProblemCode | undefined {
  return problemCodes[value - 1];
}

export function isFixable(code: DatasetProblemCode): boolean {
  return problemCatalog[code].fix !== 'none';
}
