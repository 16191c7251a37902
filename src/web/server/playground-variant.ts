import type { LoadedTask } from '../../core/task/loaded-task.js';
import { type VariantConfig, variantSchema } from '../../core/task/task-schema.js';
import type { PlaygroundVariantInput } from '../api-contract.js';
import { badRequest } from './web-http-error.js';

/**
 * A playground wording as a full variant: the task variant it is based on (few-shot settings,
 * template, mode), with the writer's instruction and system message on top. An empty
 * instruction means the task's own.
 */
export function toVariantConfig(
  input: PlaygroundVariantInput & { description?: string | undefined },
  task: LoadedTask,
): VariantConfig {
  const base =
    input.basedOn === undefined
      ? undefined
      : task.config.variants.find((variant) => variant.name === input.basedOn);
  if (input.basedOn !== undefined && base === undefined) {
    throw badRequest(`no variant "${input.basedOn}" in the task to base "${input.name}" on`);
  }
  const candidate: Record<string, unknown> = {
    ...(base ?? {}),
    name: input.name,
    description: input.description ?? base?.description,
  };
  if (input.instruction !== undefined) candidate.instruction = blankToUndefined(input.instruction);
  if (input.system !== undefined) candidate.system = blankToUndefined(input.system);
  if (input.template !== undefined) candidate.template = blankToUndefined(input.template);
  if (input.mode !== undefined) candidate.mode = input.mode;
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
  return variantSchema.parse(candidate);
}

function blankToUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}
