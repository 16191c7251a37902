import type { ChatTurn } from './chat-message-rules.js';
import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowRules } from './example-view.js';
import { describeValue, isBlankText, isPlainObject } from './message-content.js';
import { turnsView } from './turns-view.js';

/** ShareGPT speaker names and the chat role each stands for. */
export const shareGptRoles: Readonly<Record<string, string>> = {
  system: 'system',
  human: 'user',
  user: 'user',
  gpt: 'assistant',
  assistant: 'assistant',
  model: 'assistant',
  function_call: 'assistant',
  observation: 'tool',
  tool: 'tool',
};

/** One ShareGPT row `{conversations: [{from, value}], system?, tools?}`. */
export const checkShareGptRow: RowRules = (value, context) => {
  const problems: DatasetProblem[] = [];
  const at = (
    code: Parameters<typeof datasetProblem>[0],
    path: (string | number)[],
    message: string,
  ) =>
    problems.push(datasetProblem(code, message, { file: context.file, line: context.line, path }));
  const conversations = value.conversations;
  if (!Array.isArray(conversations) || conversations.length === 0) {
    at(
      'missing_messages',
      ['conversations'],
      '"conversations" must be a non-empty array of {from, value} turns',
    );
    return { problems, view: undefined };
  }
  const turns: ChatTurn[] = [];
  if (typeof value.system === 'string' && !isBlankText(value.system)) {
    turns.push({ role: 'system', text: value.system, calls: undefined, weight: undefined });
  }
  conversations.forEach((turn, index) => {
    const where = ['conversations', index];
    if (!isPlainObject(turn)) {
      at('message_not_object', where, `turn ${index} is ${describeValue(turn)}, not an object`);
      return;
    }
    for (const key of ['from', 'value'] as const) {
      if (turn[key] === undefined)
        at('message_missing_key', [...where, key], `turn ${index} has no "${key}"`);
    }
    if (turn.from === undefined || turn.value === undefined) return;
    const role = typeof turn.from === 'string' ? shareGptRoles[turn.from] : undefined;
    if (role === undefined) {
      at(
        'unrecognized_role',
        [...where, 'from'],
        `turn ${index} is from ${JSON.stringify(turn.from)}; expected human, gpt, system, function_call or observation`,
      );
      return;
    }
    if (typeof turn.value !== 'string') {
      at(
        'missing_content',
        [...where, 'value'],
        `turn ${index} has value ${describeValue(turn.value)}; expected text`,
      );
      return;
    }
    if (isBlankText(turn.value))
      at(
        'empty_field',
        [...where, 'value'],
        `turn ${index} (${turn.from}) is empty or whitespace only`,
      );
    turns.push({ role, text: turn.value, calls: undefined, weight: undefined });
  });
  if (!turns.some((turn) => turn.role === 'assistant') && problems.length === 0) {
    at(
      'missing_assistant_message',
      ['conversations'],
      'the conversation has no gpt (assistant) turn',
    );
  }
  return { problems, view: turns.length > 0 ? turnsView(turns) : undefined };
};
