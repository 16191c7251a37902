import type { ExportMessage, TrainingExample } from './training-example.js';

export const exportEngines = [
  'openai',
  'together',
  'fireworks',
  'axolotl',
  'trl',
  'unsloth',
] as const;
export type ExportEngine = (typeof exportEngines)[number];

export function isExportEngine(value: string): value is ExportEngine {
  return (exportEngines as readonly string[]).includes(value);
}

/** The upload format of a finetune engine: OpenAI-compatible ones (local too) take OpenAI's rows. */
export function uploadFormat(engine: string): ExportEngine {
  return isExportEngine(engine) ? engine : 'openai';
}

export interface RecipeContext {
  /** The data file's name, relative to the export folder. */
  dataFile: string;
  examples: number;
  epochs: number;
  baseModel: string;
  kind: TrainingExample['kind'];
  /** Some assistant turns carry a 0/1 training weight. */
  weighted: boolean;
}

export interface Recipe {
  files: { name: string; text: string }[];
  /** The command that trains, run from the export folder. */
  command: string;
}

/** One engine's data format, and for local trainers the config and command beside it. */
export interface EngineExporter {
  engine: ExportEngine;
  defaultBaseModel: string;
  supportsPreference: boolean;
  /** The row in the engine's format, or why this example cannot be expressed in it. */
  row(example: TrainingExample): Record<string, unknown> | { skip: string };
  recipe?(context: RecipeContext): Recipe;
}

/** Messages with text content only (and, when asked, their weight). */
export function plainMessages(
  messages: readonly ExportMessage[],
  keepWeight = false,
): { role: string; content: string; weight?: number }[] {
  return messages.map((message) => {
    const plain: { role: string; content: string; weight?: number } = {
      role: message.role,
      content: textOf(message.content),
    };
    if (keepWeight && typeof message.weight === 'number') plain.weight = message.weight;
    return plain;
  });
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(
      (part): part is { type: 'text'; text: string } =>
        typeof part === 'object' &&
        part !== null &&
        part.type === 'text' &&
        typeof part.text === 'string',
    )
    .map((part) => part.text)
    .join('\n');
}

/** Tool definitions, tool calls or tool results: not every engine's format has them. */
export function usesTools(example: TrainingExample): boolean {
  if (example.tools !== undefined && example.tools.length > 0) return true;
  return example.messages.some(
    (message) =>
      message.role === 'tool' ||
      message.role === 'function' ||
      message.tool_calls !== undefined ||
      message.function_call !== undefined,
  );
}

/** Optional system message first, then user and assistant turns alternating from a user turn. */
export function alternates(messages: readonly { role: string }[]): boolean {
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  return (
    turns.length > 0 &&
    turns.every((message, index) => message.role === (index % 2 === 0 ? 'user' : 'assistant'))
  );
}

export function isWeighted(example: TrainingExample): boolean {
  return example.messages.some((message) => typeof message.weight === 'number');
}

export const onlyChatRoles = (example: TrainingExample): boolean =>
  example.messages.every((message) => ['system', 'user', 'assistant'].includes(message.role));
