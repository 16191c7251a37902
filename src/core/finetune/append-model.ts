import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { Document, isSeq, type Node, parseDocument } from 'yaml';
import { TunegateError } from '../../spec/tunegate-error.js';
import { taskSchema } from '../task/task-schema.js';

export interface NewModel {
  ref: string;
  name: string;
  baseURL?: string | undefined;
  /** Written as a YAML comment line above the entry. */
  comment?: string;
}

/**
 * Adds a model to the task file's `models:` list, leaving every other byte as it was (the
 * same text splice as the prompt lab's `appendVariants`: re-serialising would move comments
 * and re-wrap text). A model already listed with the same reference is left alone. The
 * result is validated against the task schema, then written atomically. Returns whether the
 * file changed.
 */
export async function appendModel(file: string, model: NewModel): Promise<boolean> {
  const text = await readFile(file, 'utf8');
  const updated = appendModelToYaml(text, model);
  if (updated === text) return false;
  const parsed = taskSchema.safeParse(parseDocument(updated).toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TunegateError(
      'INVALID_TASK',
      `adding ${model.ref} would make ${file} invalid: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const { mode } = await stat(file);
  try {
    await writeFile(temporary, updated, { mode });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return true;
}

/** The text of a task file with `model` appended to its `models:` sequence. */
export function appendModelToYaml(text: string, model: NewModel): string {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new TunegateError(
      'INVALID_TASK',
      `cannot edit the task file: ${document.errors[0]?.message}`,
    );
  }
  const list = document.get('models', true);
  if (!isSeq(list) || list.items.length === 0) {
    throw new TunegateError('INVALID_TASK', 'the task file has no models list to add to');
  }
  const listed = (document.toJS() as { models?: unknown[] }).models ?? [];
  const known = listed.some((entry) =>
    typeof entry === 'string'
      ? entry === model.ref
      : (entry as { ref?: unknown } | null)?.ref === model.ref,
  );
  if (known) return text;
  const items = list.items as Node[];
  const first = items[0]?.range;
  const last = items.at(-1)?.range;
  const dash = first ? dashColumn(text, first[0]) : undefined;
  if (list.flow || !first || !last || dash === undefined) {
    // A flow list (`models: [a, b]`) has no lines to splice into; edit the document instead.
    list.items.push(document.createNode(entryObject(model)) as Node);
    return document.toString({ lineWidth: 0 });
  }
  const spaced = /\n[ \t]*\n/.test(text.slice(first[0], last[0]));
  let insertAt = last[1];
  if (text[insertAt - 1] !== '\n') {
    const lineEnd = text.indexOf('\n', insertAt);
    insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  const indent = ' '.repeat(dash);
  const rendered = new Document([entryObject(model)]).toString({ lineWidth: 0 }).trimEnd();
  const lines = [
    ...(model.comment ? [`# ${model.comment.replace(/\s+/g, ' ').trim()}`] : []),
    ...rendered.split('\n'),
  ].map((line) => `${indent}${line}`);
  const before = text.slice(0, insertAt);
  const joined = `${before.endsWith('\n') ? '' : '\n'}${spaced ? '\n' : ''}${lines.join('\n')}\n`;
  return before + joined + text.slice(insertAt);
}

function entryObject(model: NewModel): Record<string, string> {
  return {
    ref: model.ref,
    name: model.name,
    ...(model.baseURL ? { baseURL: model.baseURL } : {}),
  };
}

/** The column of the `-` that opens the sequence item whose content starts at `offset`. */
function dashColumn(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const match = /^([ \t]*)-[ \t]+$/.exec(prefix);
  return match ? (match[1] as string).length : undefined;
}
