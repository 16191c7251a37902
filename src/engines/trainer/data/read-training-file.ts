import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Problem } from '../../../spec/problem.js';
import { TunegateError } from '../../../spec/tunegate-error.js';
import type { TrainingChatMessage, TrainingExample } from './training-example.js';

const chatLine = z.object({
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'user', 'assistant']),
        content: z.string(),
        weight: z.union([z.literal(0), z.literal(1)]).optional(),
      }),
    )
    .min(1),
});
const completionLine = z.object({ prompt: z.string(), completion: z.string().min(1) });
const textLine = z.object({ text: z.string().min(1) });

/** Parses one JSONL line into an example, or a problem naming what is wrong with it. */
export function parseTrainingLine(
  text: string,
  file: string,
  line: number,
): TrainingExample | Problem {
  const problem = (code: string, message: string, path: (string | number)[] = []): Problem => ({
    code,
    message,
    path,
    file,
    line,
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return problem('invalid_json', `not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value === 'object' && value !== null && 'messages' in value) {
    const parsed = chatLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(
        'invalid_chat',
        issue?.message ?? 'invalid chat example',
        issue?.path as (string | number)[],
      );
    }
    const messages: TrainingChatMessage[] = parsed.data.messages.map(({ role, content, weight }) =>
      weight === undefined ? { role, content } : { role, content, weight },
    );
    if (!messages.some((message) => message.role === 'assistant' && message.weight !== 0)) {
      return problem('no_trained_message', 'the example has no assistant message with weight 1', [
        'messages',
      ]);
    }
    return { kind: 'chat', messages };
  }
  if (typeof value === 'object' && value !== null && 'prompt' in value) {
    const parsed = completionLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(
        'invalid_completion',
        issue?.message ?? 'invalid prompt/completion example',
        issue?.path as (string | number)[],
      );
    }
    return { kind: 'completion', ...parsed.data };
  }
  const parsed = textLine.safeParse(value);
  if (parsed.success) return { kind: 'text', text: parsed.data.text };
  return problem(
    'unknown_format',
    'expected {"messages": [...]}, {"prompt": ..., "completion": ...} or {"text": ...}',
  );
}

/** Reads a JSONL training file; blank lines are skipped; any bad line fails with all problems. */
export async function readTrainingFile(path: string): Promise<TrainingExample[]> {
  const content = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TunegateError(
      error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INVALID_DATA',
      `${path}: cannot read training file: ${error.message}`,
      { cause: error },
    );
  });
  const examples: TrainingExample[] = [];
  const problems: Problem[] = [];
  content.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const result = parseTrainingLine(text, path, index + 1);
    if ('kind' in result) examples.push(result);
    else problems.push(result);
  });
  if (problems.length > 0) throw TunegateError.fromProblems('INVALID_DATA', problems);
  if (examples.length === 0) {
    throw new TunegateError('INVALID_DATA', `${path}: the training file has no examples`);
  }
  return examples;
}
