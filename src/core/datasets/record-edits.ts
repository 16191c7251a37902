import { messageKeys } from './chat-message-rules.js';
import type { DatasetFormat } from './dataset-format.js';
import { applyLegacyDecisions, type LegacyDecisions } from './legacy-format-checks.js';
import { contentText, isPlainObject } from './message-content.js';
import { chatRowKeys } from './openai-chat-rules.js';
import { preferenceRowKeys } from './preference-rules.js';
import { promptCompletionKeys } from './prompt-completion-rules.js';

export interface RecordEdit {
  value: Record<string, unknown>;
  /** What changed, one line each, for the fix log; empty when nothing did. */
  changes: string[];
}

/**
 * The rewrites `data fix` makes to a row it keeps: unrecognised keys removed, empty system
 * messages removed, and for legacy rows the file's separator, ending and leading space.
 */
export function editRecord(
  format: DatasetFormat,
  value: Record<string, unknown>,
  legacy: LegacyDecisions | undefined,
): RecordEdit {
  const changes: string[] = [];
  const next: Record<string, unknown> = { ...value };
  const allowed =
    format === 'openai-chat'
      ? chatRowKeys
      : format === 'preference'
        ? preferenceRowKeys
        : format === 'prompt-completion'
          ? promptCompletionKeys
          : undefined;
  if (allowed !== undefined) {
    for (const key of Object.keys(next)) {
      if (allowed.has(key)) continue;
      delete next[key];
      changes.push(`removed unrecognised key "${key}"`);
    }
  }
  if (format === 'openai-chat' && Array.isArray(next.messages)) {
    next.messages = cleanMessages(next.messages, 'messages', changes);
  }
  if (format === 'preference' && isPlainObject(next.input) && Array.isArray(next.input.messages)) {
    next.input = {
      ...next.input,
      messages: cleanMessages(next.input.messages, 'input.messages', changes),
    };
  }
  if (format === 'prompt-completion' && legacy !== undefined) {
    const prompt = typeof next.prompt === 'string' ? next.prompt : '';
    const completion = typeof next.completion === 'string' ? next.completion : '';
    const fixed = applyLegacyDecisions(prompt, completion, legacy);
    if (fixed.prompt !== prompt) {
      next.prompt = fixed.prompt;
      changes.push(`prompt now ends with the separator ${JSON.stringify(legacy.separator)}`);
    }
    if (fixed.completion !== completion) {
      next.completion = fixed.completion;
      changes.push(
        `completion rewritten: ${JSON.stringify(completion.slice(0, 40))} → ${JSON.stringify(fixed.completion.slice(0, 40))}`,
      );
    }
  }
  return { value: next, changes };
}

function cleanMessages(messages: unknown[], path: string, changes: string[]): unknown[] {
  const kept: unknown[] = [];
  messages.forEach((message, index) => {
    if (!isPlainObject(message)) {
      kept.push(message);
      return;
    }
    const text = contentText(message.content);
    if (message.role === 'system' && text !== undefined && text.trim() === '') {
      changes.push(`removed the empty system message ${path}.${index}`);
      return;
    }
    const cleaned: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(message)) {
      if (messageKeys.has(key)) cleaned[key] = field;
      else changes.push(`removed unrecognised key "${key}" from ${path}.${index}`);
    }
    kept.push(cleaned);
  });
  return kept;
}
