import type { LoadedTask } from '../task/loaded-task.js';
import { compileTemplate } from '../template/fill-template.js';
import { messageKeys } from './chat-message-rules.js';
import type { DatasetFormat } from './dataset-format.js';
import { endingOptions, separatorOptions } from './legacy-format-checks.js';
import { contentText, isPlainObject } from './message-content.js';
import { shareGptRoles } from './sharegpt-rules.js';

/** A message as exporters receive it: OpenAI's shape, content kept as the row had it. */
export interface ExportMessage {
  role: string;
  content: unknown;
  [key: string]: unknown;
}

export type TrainingExample =
  | { kind: 'chat'; messages: ExportMessage[]; tools?: unknown[]; parallelToolCalls?: boolean }
  | {
      kind: 'preference';
      messages: ExportMessage[];
      tools?: unknown[];
      preferred: string;
      rejected: string;
    };

export interface ConversionContext {
  format: DatasetFormat;
  outputField: string | undefined;
  /** For eval-case rows: the instruction becomes the system message, `input` the user turn. */
  task?: LoadedTask;
}

/**
 * Any supported row as a chat (or preference) example, the common ground every engine's
 * exporter starts from. Legacy separators and endings are stripped: chat templates mark turns
 * themselves. Returns a reason instead when the row cannot be converted.
 */
export function toTrainingExample(
  value: Record<string, unknown>,
  context: ConversionContext,
): TrainingExample | { skip: string } {
  switch (context.format) {
    case 'openai-chat': {
      const example: TrainingExample = { kind: 'chat', messages: cleanMessages(value.messages) };
      if (Array.isArray(value.tools)) example.tools = value.tools;
      if (typeof value.parallel_tool_calls === 'boolean')
        example.parallelToolCalls = value.parallel_tool_calls;
      return example;
    }
    case 'preference': {
      const input = isPlainObject(value.input) ? value.input : {};
      const preferred = firstText(value.preferred_output);
      const rejected = firstText(value.non_preferred_output);
      if (preferred === undefined || rejected === undefined)
        return { skip: 'preference outputs missing' };
      const example: TrainingExample = {
        kind: 'preference',
        messages: cleanMessages(input.messages),
        preferred,
        rejected,
      };
      if (Array.isArray(input.tools)) example.tools = input.tools;
      return example;
    }
    case 'prompt-completion':
      return pair(
        stripSeparator(String(value.prompt ?? '')),
        stripEnding(String(value.completion ?? '')),
      );
    case 'alpaca': {
      const input =
        typeof value.input === 'string' && value.input.trim() !== '' ? `\n\n${value.input}` : '';
      const system =
        typeof value.system === 'string' && value.system.trim() !== '' ? value.system : undefined;
      return pair(`${String(value.instruction ?? '')}${input}`, String(value.output ?? ''), system);
    }
    case 'sharegpt':
      return shareGptExample(value);
    case 'eval-cases':
      return evalCaseExample(value, context);
  }
}

function pair(user: string, assistant: string, system?: string): TrainingExample {
  const messages: ExportMessage[] = [];
  if (system !== undefined) messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
  return { kind: 'chat', messages };
}

function cleanMessages(messages: unknown): ExportMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter(isPlainObject).flatMap((message) => {
    const text = contentText(message.content);
    if (message.role === 'system' && text !== undefined && text.trim() === '') return [];
    const cleaned: ExportMessage = { role: String(message.role), content: message.content ?? null };
    for (const [key, field] of Object.entries(message))
      if (messageKeys.has(key)) cleaned[key] = field;
    return [cleaned];
  });
}

function firstText(output: unknown): string | undefined {
  const message = Array.isArray(output) ? output[0] : undefined;
  return isPlainObject(message) ? contentText(message.content) : undefined;
}

function shareGptExample(value: Record<string, unknown>): TrainingExample {
  const messages: ExportMessage[] = [];
  if (typeof value.system === 'string' && value.system.trim() !== '')
    messages.push({ role: 'system', content: value.system });
  for (const turn of Array.isArray(value.conversations) ? value.conversations : []) {
    if (!isPlainObject(turn) || typeof turn.value !== 'string') continue;
    const role = shareGptRoles[String(turn.from)] ?? 'user';
    // Tool results carry no call id in ShareGPT: they are shown to the model as user turns.
    messages.push({ role: role === 'tool' ? 'user' : role, content: turn.value });
  }
  return { kind: 'chat', messages };
}

function evalCaseExample(
  value: Record<string, unknown>,
  context: ConversionContext,
): TrainingExample | { skip: string } {
  const field = context.outputField;
  const output = field === undefined ? undefined : value[field];
  if (output === undefined || output === null)
    return { skip: `no output field${field ? ` "${field}"` : ''}` };
  const answer = typeof output === 'string' ? output : JSON.stringify(output);
  if (context.task !== undefined) {
    try {
      const user = compileTemplate(context.task.config.input)(value);
      return pair(user, answer, context.task.config.instruction);
    } catch (error) {
      return { skip: error instanceof Error ? error.message : String(error) };
    }
  }
  const inputs = Object.entries(value).filter(([key]) => key !== field && key !== 'id');
  const text = (entry: unknown) => (typeof entry === 'string' ? entry : JSON.stringify(entry));
  const user =
    inputs.length === 1
      ? text(inputs[0]?.[1])
      : inputs.map(([key, entry]) => `${key}: ${text(entry)}`).join('\n');
  return pair(user, answer);
}

function stripSeparator(prompt: string): string {
  let text = prompt;
  for (const separator of separatorOptions)
    if (text.endsWith(separator)) text = text.slice(0, -separator.length);
  return text.trimEnd();
}

function stripEnding(completion: string): string {
  let text = completion;
  for (const ending of endingOptions)
    if (text.endsWith(ending)) text = text.slice(0, -ending.length);
  return text.trim();
}
