import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { type Document, isSeq, type Node, parseDocument } from 'yaml';
import { TunegateError } from '../../spec/tunegate-error.js';
import { taskSchema } from './task-schema.js';

/** One entry to add to a top-level list of the task file. */
export interface ListEntry {
  /** The entry as a one-item YAML sequence (`- name: …`), as `Document.toString` writes it. */
  rendered: string;
  /** The entry as a node, for flow lists that have no lines to splice into. */
  node: (document: Document) => Node;
  /** Written as a YAML comment line above the entry. */
  comment?: string | undefined;
}

/**
 * The task file's text with `entries` appended to its top-level `key:` sequence, leaving every
 * other byte as it was: re-serialising the whole document would re-wrap folded text and move
 * comments. New entries follow the list's indentation and blank-line spacing.
 */
export function appendToTaskListYaml(
  text: string,
  key: 'models' | 'variants',
  entries: readonly ListEntry[],
): string {
  if (entries.length === 0) return text;
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new TunegateError(
      'INVALID_TASK',
      `cannot edit the task file: ${document.errors[0]?.message}`,
    );
  }
  const list = document.get(key, true);
  if (!isSeq(list) || list.items.length === 0) {
    throw new TunegateError('INVALID_TASK', `the task file has no ${key} list to add to`);
  }
  const items = list.items as Node[];
  const first = items[0]?.range;
  const last = items.at(-1)?.range;
  const dash = first ? dashColumn(text, first[0]) : undefined;
  if (list.flow || !first || !last || dash === undefined) {
    for (const entry of entries) list.items.push(entry.node(document));
    return document.toString({ lineWidth: 0 });
  }
  const spaced = /\n[ \t]*\n/.test(text.slice(first[0], last[0]));
  let insertAt = last[1];
  if (text[insertAt - 1] !== '\n') {
    const lineEnd = text.indexOf('\n', insertAt);
    insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  const indent = ' '.repeat(dash);
  const blocks = entries.map((entry) => {
    const lines = [
      ...(entry.comment ? [`# ${entry.comment.replace(/\s+/g, ' ').trim()}`] : []),
      ...entry.rendered.split('\n'),
    ];
    return lines
      .filter((line, index, all) => index < all.length - 1 || line !== '')
      .map((line) => (line === '' ? '' : `${indent}${line}`))
      .join('\n');
  });
  const before = text.slice(0, insertAt);
  const separator = spaced ? '\n\n' : '\n';
  const joined = `${before.endsWith('\n') ? '' : '\n'}${spaced ? '\n' : ''}${blocks.join(separator)}\n`;
  return before + joined + text.slice(insertAt);
}

/**
 * Validates an edited task file against the task schema, then replaces the file atomically
 * (temporary file, then rename), keeping its permissions. `what` names the edit in errors.
 */
export async function writeEditedTaskFile(
  file: string,
  updated: string,
  what: string,
): Promise<void> {
  const parsed = taskSchema.safeParse(parseDocument(updated).toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TunegateError(
      'INVALID_TASK',
      `${what} would make ${file} invalid: ${issue?.path.join('.')}: ${issue?.message}`,
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
}

export function readTaskText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

/** The column of the `-` that opens the sequence item whose content starts at `offset`. */
function dashColumn(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const match = /^([ \t]*)-[ \t]+$/.exec(prefix);
  return match ? (match[1] as string).length : undefined;
}
