import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, type Node, parseDocument, Scalar } from 'yaml';
import { TunegateError } from '../../spec/tunegate-error.js';
import { taskSchema, type VariantConfig } from '../task/task-schema.js';

export interface NewVariant {
  variant: VariantConfig;
  /** Written as a YAML comment line above the variant. */
  comment?: string;
}

/**
 * Appends variants to the task file's `variants:` list, leaving every other byte as it was
 * (re-serialising the whole document would re-wrap folded text and move comments). The new
 * entries follow the list's indentation and blank-line spacing. The result is validated
 * against the task schema, then written atomically (temporary file, then rename).
 */
export async function appendVariants(file: string, entries: readonly NewVariant[]): Promise<void> {
  const text = await readFile(file, 'utf8');
  const updated = appendVariantsToYaml(text, entries);
  const parsed = taskSchema.safeParse(parseDocument(updated).toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TunegateError(
      'INVALID_TASK',
      `the new variants would make ${file} invalid: ${issue?.path.join('.')}: ${issue?.message}`,
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

/** The text of a task file with `entries` appended to its block `variants:` sequence. */
export function appendVariantsToYaml(text: string, entries: readonly NewVariant[]): string {
  if (entries.length === 0) return text;
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new TunegateError(
      'INVALID_TASK',
      `cannot edit the task file: ${document.errors[0]?.message}`,
    );
  }
  const list = document.get('variants', true);
  if (!isSeq(list) || list.items.length === 0) {
    throw new TunegateError('INVALID_TASK', 'the task file has no variants list to add to');
  }
  const items = list.items as Node[];
  const first = items[0]?.range;
  const last = items.at(-1)?.range;
  const dash = first ? dashColumn(text, first[0]) : undefined;
  if (list.flow || !first || !last || dash === undefined) {
    // A flow list (`variants: [...]`) has no lines to splice into; edit the document instead.
    for (const entry of entries) list.items.push(variantNode(document, entry.variant));
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
      ...renderEntry(entry.variant).split('\n'),
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

/** The column of the `-` that opens the sequence item whose content starts at `offset`. */
function dashColumn(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const match = /^([ \t]*)-[ \t]+$/.exec(prefix);
  return match ? (match[1] as string).length : undefined;
}

function renderEntry(variant: VariantConfig): string {
  const document = new Document([compactVariant(variant)]);
  const item = (document.contents as { items: Node[] }).items[0];
  if (item && isMap(item)) styleVariantMap(item);
  return document.toString({ lineWidth: 0 });
}

function variantNode(document: Document, variant: VariantConfig): Node {
  const node = document.createNode(compactVariant(variant)) as Node;
  if (isMap(node)) styleVariantMap(node);
  return node;
}

/** Multi-line text as literal blocks; few-shot and sampling settings on one line. */
function styleVariantMap(map: Node): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    const value = pair.value;
    if (isScalar(value) && typeof value.value === 'string' && value.value.includes('\n')) {
      (value as Scalar).type = Scalar.BLOCK_LITERAL;
    } else if (isMap(value)) value.flow = true;
  }
}

/** The variant as a person would write it: defaults left out, one-value axes as scalars. */
function compactVariant(variant: VariantConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { name: variant.name };
  if (variant.description !== undefined) out.description = variant.description;
  if (variant.instruction !== undefined) out.instruction = variant.instruction;
  if (variant.system !== undefined) out.system = variant.system;
  if (variant.template !== undefined) out.template = variant.template;
  if (variant.mode !== 'chat') out.mode = variant.mode;
  if (variant.fewShot) {
    const { k, selection, seed, format } = variant.fewShot;
    out.fewShot = {
      k,
      selection,
      ...(seed !== 0 ? { seed } : {}),
      ...(format !== 'messages' ? { format } : {}),
    };
  }
  if (variant.sampling) {
    out.sampling = Object.fromEntries(
      Object.entries(variant.sampling)
        .filter(([, value]) => value !== undefined)
        .map(([axis, value]) => [
          axis,
          Array.isArray(value) && value.length === 1 && axis !== 'stop' ? value[0] : value,
        ]),
    );
  }
  return out;
}
