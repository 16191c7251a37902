import { Document, isMap, isScalar, type Node, Scalar } from 'yaml';
import {
  appendToTaskListYaml,
  readTaskText,
  writeEditedTaskFile,
} from '../task/append-to-task-list.js';
import type { VariantConfig } from '../task/task-schema.js';

export interface NewVariant {
  variant: VariantConfig;
  /** Written as a YAML comment line above the variant. */
  comment?: string;
}

/**
 * Appends variants to the task file's `variants:` list, leaving every other byte as it was
 * (see appendToTaskListYaml). The result is validated against the task schema, then written
 * atomically.
 */
export async function appendVariants(file: string, entries: readonly NewVariant[]): Promise<void> {
  const text = await readTaskText(file);
  await writeEditedTaskFile(file, appendVariantsToYaml(text, entries), 'the new variants');
}

/** The text of a task file with `entries` appended to its block `variants:` sequence. */
export function appendVariantsToYaml(text: string, entries: readonly NewVariant[]): string {
  return appendToTaskListYaml(
    text,
    'variants',
    entries.map((entry) => ({
      rendered: renderEntry(entry.variant),
      node: (document: Document) => variantNode(document, entry.variant),
      comment: entry.comment,
    })),
  );
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
