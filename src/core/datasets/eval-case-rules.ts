import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowRules } from './example-view.js';

/** Columns that usually hold the answer of a labelled or graded row, in order of preference. */
export const outputFieldCandidates = [
  'expected',
  'label',
  'category',
  'class',
  'intent',
  'output',
  'answer',
  'target',
];

/** The output column of eval-case rows: the first candidate present in the first row. */
export function guessOutputField(columns: readonly string[]): string | undefined {
  return outputFieldCandidates.find((candidate) => columns.includes(candidate));
}

/**
 * One eval-case row: any object of fields. The output field (the task's, or a guessed one)
 * must be present and not empty; other empty text fields are worth a warning.
 */
export const checkEvalCaseRow: RowRules = (value, context) => {
  const problems: DatasetProblem[] = [];
  const at = { file: context.file, line: context.line };
  const field = context.outputField;
  const inputs: string[] = [];
  for (const [key, fieldValue] of Object.entries(value)) {
    if (key === field || key === 'id') continue;
    const text = typeof fieldValue === 'string' ? fieldValue : JSON.stringify(fieldValue);
    if (typeof fieldValue === 'string' && fieldValue.trim() === '') {
      const message = `field "${key}" is empty or whitespace only`;
      problems.push(datasetProblem('empty_input_field', message, { ...at, path: [key] }));
    }
    inputs.push(text);
  }
  let output: string | undefined;
  if (field !== undefined) {
    const raw = value[field];
    if (raw === undefined || raw === null) {
      const message = `the output field "${field}" is missing`;
      problems.push(datasetProblem('missing_field', message, { ...at, path: [field] }));
    } else {
      output = typeof raw === 'string' ? raw : JSON.stringify(raw);
      if (output.trim() === '') {
        const message = `the output field "${field}" is empty or whitespace only`;
        problems.push(datasetProblem('empty_field', message, { ...at, path: [field] }));
      }
    }
  }
  const input = inputs.join('\n');
  const text = output === undefined ? input : `${input}\n${output}`;
  return {
    problems,
    view: {
      input,
      output,
      text,
      fullText: text,
      identity: `${input}\u0000${output ?? ''}`,
      messageCount: 0,
      caseFields: value,
    },
  };
};
