import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowRules } from './example-view.js';
import { describeValue, isBlankText } from './message-content.js';

/**
 * One Alpaca row `{instruction, input?, output, system?}`: instruction and output non-empty
 * strings; input may be empty (many instructions need none). Other keys are ignored.
 */
export const checkAlpacaRow: RowRules = (value, context) => {
  const problems: DatasetProblem[] = [];
  const at = { file: context.file, line: context.line };
  for (const field of ['instruction', 'output'] as const) {
    const text = value[field];
    if (typeof text !== 'string') {
      const found = text === undefined ? 'is missing' : `is ${describeValue(text)}`;
      const message = `"${field}" ${found}; expected a string`;
      problems.push(datasetProblem('missing_field', message, { ...at, path: [field] }));
    } else if (isBlankText(text)) {
      const message = `"${field}" is empty or whitespace only`;
      problems.push(datasetProblem('empty_field', message, { ...at, path: [field] }));
    }
  }
  for (const field of ['input', 'system'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string') {
      const message = `"${field}" is ${describeValue(value[field])}; expected a string`;
      problems.push(datasetProblem('missing_field', message, { ...at, path: [field] }));
    }
  }
  const { instruction, output } = value;
  if (typeof instruction !== 'string' || typeof output !== 'string') {
    return { problems, view: undefined };
  }
  const extra = typeof value.input === 'string' ? value.input : '';
  const system = typeof value.system === 'string' ? value.system : '';
  const input = extra === '' ? instruction : `${instruction}\n${extra}`;
  return {
    problems,
    view: {
      input,
      output,
      text: `${input}\n${output}`,
      fullText: [system, input, output].filter((part) => part !== '').join('\n'),
      identity: `${system}\u0000${instruction}\u0000${extra}\u0000${output}`,
      messageCount: 0,
      caseFields: { ...value, input, expected: output },
    },
  };
};
