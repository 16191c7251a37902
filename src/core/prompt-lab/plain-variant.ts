import type { TaskConfig, VariantConfig } from '../task/task-schema.js';

/**
 * Rule 1's baseline: the task's own instruction, zero-shot, no system message, no template,
 * chat mode. When the task already has such a variant (moon-jump's `baseline`) the probe uses
 * it, so its history stays in one place; otherwise it is named `plain` (or `plain-2`, …).
 */
export function plainVariant(task: TaskConfig): VariantConfig {
  const existing = task.variants.find((variant) => isPlainVariant(variant, task));
  if (existing) return existing;
  const taken = new Set(task.variants.map((variant) => variant.name));
  let name = 'plain';
  for (let suffix = 2; taken.has(name); suffix++) name = `plain-${suffix}`;
  return {
    name,
    description: 'the task instruction, zero-shot, no system message (tunegate probe)',
    mode: 'chat',
  };
}

/** Sends exactly the task instruction and the input: no other wording, system text or examples. */
export function isPlainVariant(variant: VariantConfig, task: TaskConfig): boolean {
  return (
    (variant.instruction === undefined || variant.instruction === task.instruction) &&
    variant.template === undefined &&
    !variant.system &&
    (variant.fewShot?.k ?? 0) === 0 &&
    variant.mode === 'chat' &&
    variant.sampling === undefined
  );
}
