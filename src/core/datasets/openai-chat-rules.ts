import { checkChatMessages, checkTools } from './chat-message-rules.js';
import { datasetProblem } from './dataset-problem.js';
import type { RowRules } from './example-view.js';
import { turnsView } from './turns-view.js';

export const chatRowKeys = new Set(['messages', 'tools', 'parallel_tool_calls', 'functions']);

/** One row of OpenAI's chat fine-tuning format: `{messages, tools?, parallel_tool_calls?}`. */
export const checkOpenAIChatRow: RowRules = (value, context) => {
  const { problems, turns } = checkChatMessages(value.messages, ['messages'], context);
  problems.push(...checkTools(value.tools, context));
  if (value.parallel_tool_calls !== undefined && typeof value.parallel_tool_calls !== 'boolean') {
    problems.push(
      datasetProblem('invalid_tools', '"parallel_tool_calls" must be true or false', {
        file: context.file,
        line: context.line,
        path: ['parallel_tool_calls'],
      }),
    );
  }
  for (const key of Object.keys(value)) {
    if (!chatRowKeys.has(key)) {
      const message = `unrecognised key "${key}" (a chat row holds messages, tools, parallel_tool_calls)`;
      problems.push(
        datasetProblem('unrecognized_key', message, {
          file: context.file,
          line: context.line,
          path: [key],
        }),
      );
    }
  }
  if (Array.isArray(value.messages) && value.messages.length > 0) {
    const assistants = turns.filter((turn) => turn.role === 'assistant');
    const where = { file: context.file, line: context.line, path: ['messages'] };
    if (assistants.length === 0 && turns.length === value.messages.length) {
      problems.push(
        datasetProblem('missing_assistant_message', 'the example has no assistant message', where),
      );
    } else if (assistants.length > 0 && assistants.every((turn) => turn.weight === 0)) {
      const message = 'every assistant message has weight 0: nothing in this example is trained';
      problems.push(datasetProblem('no_trainable_message', message, where));
    }
  }
  const tools = value.tools === undefined ? '' : `\u0002${JSON.stringify(value.tools)}`;
  return { problems, view: turns.length > 0 ? turnsView(turns, tools) : undefined };
};
