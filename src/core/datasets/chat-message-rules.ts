import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import type { RowContext } from './example-view.js';
import { contentText, describeValue, isBlankText, isPlainObject } from './message-content.js';

/** The roles OpenAI's chat fine-tuning format accepts. */
export const chatRoles = new Set(['system', 'user', 'assistant', 'tool', 'function']);

/** Keys a fine-tuning message may carry; anything else is reported (and removed by fix). */
export const messageKeys = new Set([
  'role',
  'content',
  'name',
  'weight',
  'tool_calls',
  'tool_call_id',
  'function_call',
  'refusal',
]);

export interface ChatTurn {
  role: string;
  /** The content's text ('' for an assistant turn that only calls tools). */
  text: string;
  /** The tool calls of an assistant turn, as JSON, so they count as its output. */
  calls: string | undefined;
  weight: number | undefined;
}

/**
 * Checks a `messages` array as OpenAI's chat data-prep does (every message an object with a
 * recognised role and content, no unknown keys) plus weights, tool calls and empty texts.
 * Returns the turns it could read; a row with any dropping problem is not used further.
 */
export function checkChatMessages(
  messages: unknown,
  path: (string | number)[],
  context: RowContext,
): { problems: DatasetProblem[]; turns: ChatTurn[] } {
  const problems: DatasetProblem[] = [];
  const turns: ChatTurn[] = [];
  const at = (
    code: Parameters<typeof datasetProblem>[0],
    where: (string | number)[],
    message: string,
  ) =>
    problems.push(
      datasetProblem(code, message, { file: context.file, line: context.line, path: where }),
    );
  if (!Array.isArray(messages) || messages.length === 0) {
    const what =
      messages === undefined
        ? 'is missing'
        : `is ${Array.isArray(messages) ? 'empty' : describeValue(messages)}`;
    at('missing_messages', path, `"messages" ${what}: expected a non-empty array of messages`);
    return { problems, turns };
  }
  messages.forEach((message, index) => {
    const where = [...path, index];
    if (!isPlainObject(message)) {
      at(
        'message_not_object',
        where,
        `message ${index} is ${describeValue(message)}, not an object`,
      );
      return;
    }
    const role = message.role;
    if (role === undefined) {
      at('message_missing_key', [...where, 'role'], `message ${index} has no "role"`);
      return;
    }
    if (typeof role !== 'string' || !chatRoles.has(role)) {
      at(
        'unrecognized_role',
        [...where, 'role'],
        `message ${index} has role ${JSON.stringify(role)}; expected system, user, assistant, tool or function`,
      );
      return;
    }
    for (const key of Object.keys(message)) {
      if (!messageKeys.has(key)) {
        at(
          'message_unrecognized_key',
          [...where, key],
          `message ${index} has an unrecognised key "${key}"`,
        );
      }
    }
    const calls = checkCalls(message, index, where, at);
    const callsOnly = role === 'assistant' && calls !== undefined;
    if (!('content' in message) && !callsOnly) {
      at(
        'message_missing_key',
        [...where, 'content'],
        `message ${index} (${role}) has no "content"`,
      );
      return;
    }
    const text = message.content === null && callsOnly ? '' : contentText(message.content);
    if (text === undefined) {
      at(
        'missing_content',
        [...where, 'content'],
        `message ${index} (${role}) has content ${describeValue(message.content)}; expected text`,
      );
      return;
    }
    if (!callsOnly && isBlankText(text)) {
      if (role === 'system')
        at(
          'empty_system_message',
          [...where, 'content'],
          'the system message is empty; fix removes it',
        );
      else
        at(
          'empty_field',
          [...where, 'content'],
          `message ${index} (${role}) is empty or whitespace only`,
        );
    }
    if (role === 'tool' && typeof message.tool_call_id !== 'string') {
      at(
        'message_missing_key',
        [...where, 'tool_call_id'],
        `tool message ${index} has no "tool_call_id"`,
      );
    }
    const weight = message.weight;
    if (weight !== undefined && (role !== 'assistant' || (weight !== 0 && weight !== 1))) {
      at(
        'invalid_weight',
        [...where, 'weight'],
        role === 'assistant'
          ? `weight must be 0 or 1, got ${JSON.stringify(weight)}`
          : `only assistant messages take a weight (message ${index} is ${role})`,
      );
    }
    turns.push({ role, text, calls, weight: typeof weight === 'number' ? weight : undefined });
  });
  return { problems, turns };
}

type Report = (
  code: Parameters<typeof datasetProblem>[0],
  where: (string | number)[],
  message: string,
) => void;

function checkCalls(
  message: Record<string, unknown>,
  index: number,
  where: (string | number)[],
  at: Report,
): string | undefined {
  if (message.function_call !== undefined && message.function_call !== null) {
    const call = message.function_call;
    if (
      !isPlainObject(call) ||
      typeof call.name !== 'string' ||
      typeof call.arguments !== 'string'
    ) {
      at(
        'invalid_tool_call',
        [...where, 'function_call'],
        `message ${index}: function_call needs a string "name" and "arguments"`,
      );
      return undefined;
    }
    return JSON.stringify(call);
  }
  if (message.tool_calls === undefined || message.tool_calls === null) return undefined;
  const calls = message.tool_calls;
  if (!Array.isArray(calls) || calls.length === 0) {
    at(
      'invalid_tool_call',
      [...where, 'tool_calls'],
      `message ${index}: tool_calls must be a non-empty array`,
    );
    return undefined;
  }
  calls.forEach((call, position) => {
    const callPath = [...where, 'tool_calls', position];
    const fn = isPlainObject(call) ? call.function : undefined;
    if (
      !isPlainObject(call) ||
      typeof call.id !== 'string' ||
      call.type !== 'function' ||
      !isPlainObject(fn) ||
      typeof fn.name !== 'string' ||
      typeof fn.arguments !== 'string'
    ) {
      at(
        'invalid_tool_call',
        callPath,
        `message ${index}, tool call ${position}: needs "id", type "function" and function.name / function.arguments strings`,
      );
      return;
    }
    try {
      JSON.parse(fn.arguments as string);
    } catch {
      at(
        'invalid_tool_call',
        [...callPath, 'function', 'arguments'],
        `message ${index}, tool call ${position}: arguments are not valid JSON`,
      );
    }
  });
  return JSON.stringify(calls);
}

/** `tools` must be function definitions with a name. */
export function checkTools(tools: unknown, context: RowContext): DatasetProblem[] {
  if (tools === undefined) return [];
  const bad = (path: (string | number)[], message: string) =>
    datasetProblem('invalid_tools', message, { file: context.file, line: context.line, path });
  if (!Array.isArray(tools))
    return [bad(['tools'], `"tools" is ${describeValue(tools)}; expected an array`)];
  const problems: DatasetProblem[] = [];
  tools.forEach((tool, index) => {
    const fn = isPlainObject(tool) ? tool.function : undefined;
    if (
      !isPlainObject(tool) ||
      tool.type !== 'function' ||
      !isPlainObject(fn) ||
      typeof fn.name !== 'string'
    ) {
      problems.push(
        bad(['tools', index], `tool ${index} needs type "function" and a function.name`),
      );
    }
  });
  return problems;
}
