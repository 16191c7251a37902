import { checkChatMessages, checkTools } from './chat-message-rules.js';
import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowContext, RowRules } from './example-view.js';
import { contentText, isBlankText, isPlainObject } from './message-content.js';
import { turnsView } from './turns-view.js';

export const preferenceRowKeys = new Set(['input', 'preferred_output', 'non_preferred_output']);

/**
 * One DPO preference row: `{input: {messages, tools?}, preferred_output: [assistant message],
 * non_preferred_output: [assistant message]}` (OpenAI's and Together's field names).
 */
export const checkPreferenceRow: RowRules = (value, context) => {
  const problems: DatasetProblem[] = [];
  const report = (path: (string | number)[], message: string) =>
    problems.push(datasetProblem('invalid_preference', message, { ...where(context), path }));
  const input = value.input;
  if (!isPlainObject(input)) {
    report(['input'], '"input" must be an object holding "messages"');
    return { problems, view: undefined };
  }
  const checked = checkChatMessages(input.messages, ['input', 'messages'], context);
  problems.push(...checked.problems, ...checkTools(input.tools, context));
  const preferred = outputText(value.preferred_output, 'preferred_output', context, problems);
  const rejected = outputText(
    value.non_preferred_output,
    'non_preferred_output',
    context,
    problems,
  );
  for (const key of Object.keys(value)) {
    if (!preferenceRowKeys.has(key)) {
      const message = `unrecognised key "${key}" (a preference row holds input, preferred_output, non_preferred_output)`;
      problems.push(
        datasetProblem('unrecognized_key', message, { ...where(context), path: [key] }),
      );
    }
  }
  if (preferred !== undefined && rejected !== undefined && preferred.trim() === rejected.trim()) {
    const message =
      'the preferred and non-preferred outputs are the same: the pair teaches nothing';
    problems.push(datasetProblem('identical_preference', message, where(context)));
  }
  if (preferred === undefined || checked.turns.length === 0) return { problems, view: undefined };
  const view = turnsView(
    [...checked.turns, { role: 'assistant', text: preferred, calls: undefined, weight: undefined }],
    `\u0002${rejected ?? ''}`,
  );
  view.fullText += `\n${rejected ?? ''}`;
  return { problems, view };
};

function outputText(
  output: unknown,
  field: string,
  context: RowContext,
  problems: DatasetProblem[],
): string | undefined {
  const message = Array.isArray(output) && output.length === 1 ? output[0] : undefined;
  if (!isPlainObject(message) || message.role !== 'assistant') {
    const text = `"${field}" must be an array of exactly one assistant message`;
    problems.push(datasetProblem('invalid_preference', text, { ...where(context), path: [field] }));
    return undefined;
  }
  const text = contentText(message.content);
  if (text === undefined) {
    const found = `"${field}" has no text content`;
    problems.push(
      datasetProblem('missing_content', found, { ...where(context), path: [field, 0, 'content'] }),
    );
    return undefined;
  }
  if (isBlankText(text)) {
    const found = `"${field}" is empty or whitespace only`;
    problems.push(
      datasetProblem('empty_field', found, { ...where(context), path: [field, 0, 'content'] }),
    );
  }
  return text;
}

function where(context: RowContext): { file: string; line: number } {
  return { file: context.file, line: context.line };
}
