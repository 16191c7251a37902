import { Document, type Node, parseDocument } from 'yaml';
import {
  appendToTaskListYaml,
  readTaskText,
  writeEditedTaskFile,
} from '../task/append-to-task-list.js';

export interface NewModel {
  ref: string;
  name: string;
  baseURL?: string | undefined;
  /** The base model's reference. */
  finetunedFrom?: string | undefined;
  /** Written as a YAML comment line above the entry. */
  comment?: string;
}

/**
 * Adds a model to the task file's `models:` list, leaving every other byte as it was. A model
 * already listed with the same reference is left alone. The result is validated against the
 * task schema, then written atomically. Returns whether the file changed.
 */
export async function appendModel(file: string, model: NewModel): Promise<boolean> {
  const text = await readTaskText(file);
  const updated = appendModelToYaml(text, model);
  if (updated === text) return false;
  await writeEditedTaskFile(file, updated, `adding ${model.ref}`);
  return true;
}

/** The text of a task file with `model` appended to its `models:` sequence. */
export function appendModelToYaml(text: string, model: NewModel): string {
  const listed = (parseDocument(text).toJS() as { models?: unknown[] } | null)?.models ?? [];
  const known = listed.some((entry) =>
    typeof entry === 'string'
      ? entry === model.ref
      : (entry as { ref?: unknown } | null)?.ref === model.ref,
  );
  if (known) return text;
  const entry = entryObject(model);
  return appendToTaskListYaml(text, 'models', [
    {
      rendered: new Document([entry]).toString({ lineWidth: 0 }),
      node: (document) => document.createNode(entry) as Node,
      comment: model.comment,
    },
  ]);
}

function entryObject(model: NewModel): Record<string, string> {
  return {
    ref: model.ref,
    name: model.name,
    ...(model.baseURL ? { baseURL: model.baseURL } : {}),
    ...(model.finetunedFrom ? { finetunedFrom: model.finetunedFrom } : {}),
  };
}
