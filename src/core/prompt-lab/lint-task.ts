import type { TaskConfig, VariantConfig } from '../task/task-schema.js';
import type { LintFinding } from './lint-finding.js';
import { lintInstruction } from './lint-instruction.js';

export interface LintTarget {
  /** `instruction` for the task's plain instruction, else the variant's name. */
  name: string;
  path: (string | number)[];
  findings: LintFinding[];
}

export interface LintReport {
  /** The task's own instruction, zero-shot: what gate 2 requires to be clear. */
  instruction: LintTarget;
  variants: LintTarget[];
  errors: number;
  warnings: number;
}

/** Lints the plain instruction and what each variant sends (its wording, template and system text). */
export function lintTask(task: TaskConfig): LintReport {
  const instruction: LintTarget = {
    name: 'instruction',
    path: ['instruction'],
    findings: lintInstruction({
      instruction: task.instruction,
      output: task.output,
      fewShot: false,
      path: ['instruction'],
    }),
  };
  const variants = task.variants.map((variant, index) => lintVariant(task, variant, index));
  const all = [instruction, ...variants].flatMap((target) => target.findings);
  return {
    instruction,
    variants,
    errors: all.filter((finding) => finding.severity === 'error').length,
    warnings: all.filter((finding) => finding.severity === 'warning').length,
  };
}

export function lintVariant(task: TaskConfig, variant: VariantConfig, index: number): LintTarget {
  const path = ['variants', index];
  return {
    name: variant.name,
    path,
    findings: lintInstruction({
      instruction: variant.instruction ?? task.instruction,
      template: variant.template,
      system: variant.system,
      output: task.output,
      fewShot: (variant.fewShot?.k ?? 0) > 0,
      path,
    }),
  };
}
