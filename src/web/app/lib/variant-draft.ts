import type { PlaygroundVariantInput, TaskOverview, VariantView } from '../../api-contract.js';

/** A wording being edited in the playground. */
export interface VariantDraft {
  /** Local identity: names can be edited. */
  id: number;
  name: string;
  basedOn: string;
  instruction: string;
  system: string;
}

let nextId = 1;

export function draftFrom(variant: VariantView, task: TaskOverview, name: string): VariantDraft {
  return {
    id: nextId++,
    name,
    basedOn: variant.name,
    instruction: variant.instruction ?? task.instruction,
    system: variant.system ?? '',
  };
}

export function toVariantInput(draft: VariantDraft): PlaygroundVariantInput {
  return {
    name: draft.name.trim(),
    basedOn: draft.basedOn,
    instruction: draft.instruction,
    system: draft.system,
  };
}
