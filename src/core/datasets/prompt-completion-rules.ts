import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowRules } from './example-view.js';
import { describeValue, isBlankText } from './message-content.js';

export const promptCompletionKeys = new Set(['prompt', 'completion']);

/**
 * One legacy row `{prompt, completion}` as OpenAI's old validators saw it: both strings, a
 * non-empty completion, no other columns (they are removed). An empty prompt is allowed
 * (open-ended generation).
 */
export const checkPromptCompletionRow: RowRules = (value, context) => {
  const problems: DatasetProblem[] = [];
  const at = { file: context.file, line: context.line };
  for (const field of ['prompt', 'completion'] as const) {
    if (typeof value[field] !== 'string') {
      const found = value[field] === undefined ? 'is missing' : `is ${describeValue(value[field])}`;
      const message = `"${field}" ${found}; expected a string`;
      problems.push(datasetProblem('missing_field', message, { ...at, path: [field] }));
    }
  }
  for (const key of Object.keys(value)) {
    if (promptCompletionKeys.has(key)) continue;
    const message = `unrecognised column "${key}" (only prompt and completion are used; fix removes it)`;
    problems.push(datasetProblem('unrecognized_key', message, { ...at, path: [key] }));
  }
  const prompt = value.prompt;
  const completion = value.completion;
  if (typeof prompt !== 'string' || typeof completion !== 'string') {
    return { problems, view: undefined };
  }
  if (isBlankText(completion)) {
    const message = 'the completion is empty or whitespace only';
    problems.push(datasetProblem('empty_field', message, { ...at, path: ['completion'] }));
  }
  return {
    problems,
    view: {
      input: prompt,
      output: completion.trim(),
      text: `${prompt}\n${completion}`,
      fullText: `${prompt}${completion}`,
      identity: `${prompt}\u0000${completion}`,
      messageCount: 0,
      caseFields: { input: prompt, expected: completion.trim() },
      legacy: { prompt, completion },
    },
  };
};
