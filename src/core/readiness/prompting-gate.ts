import type { VariantAxis } from '../prompt-lab/variant-proposal.js';
import type { TaskConfig, VariantConfig } from '../task/task-schema.js';
import type { GateInputs } from './gate-inputs.js';
import type { GateResult } from './gate-result.js';

const defaultMinVariants = 4;

/**
 * Gate 2: prompting explored. At least N variants evaluated over at least two axes, the best
 * prompt passes the clarity lint (no errors), and the best score has plateaued.
 */
export function promptingGate(inputs: GateInputs): GateResult {
  const { task, limits, lint } = inputs;
  const minVariants = task.lab?.minVariants ?? defaultMinVariants;
  // Groups whose calls mostly failed measured nothing: they are no explored variant.
  const iterations = limits.iterations.filter((iteration) => !iteration.incomplete);
  const evaluated = [...new Set(iterations.map((iteration) => iteration.variant))];
  const axes = new Set<VariantAxis>();
  for (const name of evaluated) {
    const variant = task.variants.find((candidate) => candidate.name === name);
    if (variant) for (const axis of axesOf(variant, task)) axes.add(axis);
    const points = new Set(
      iterations.filter((it) => it.variant === name).map((it) => JSON.stringify(it.sampling)),
    );
    if (points.size > 1) axes.add('sampling');
  }
  const best = limits.best;
  const bestTarget =
    (best && lint.variants.find((target) => target.name === best.variant)) ?? lint.instruction;
  const lintErrors = bestTarget.findings.filter((finding) => finding.severity === 'error');
  const enoughVariants = evaluated.length >= minVariants;
  const enoughAxes = axes.size >= 2;
  const plateau = limits.plateau;
  const pass = enoughVariants && enoughAxes && lintErrors.length === 0 && plateau.reached;
  const lintedWhat =
    bestTarget.name === 'instruction'
      ? 'the task instruction'
      : `the best variant (${bestTarget.name})`;
  const evidence = [
    `${evaluated.length} variant${evaluated.length === 1 ? '' : 's'} evaluated (at least ${minVariants} wanted)${evaluated.length > 0 ? `: ${evaluated.join(', ')}` : ''}`,
    `axes explored: ${axes.size > 0 ? [...axes].join(', ') : 'none'} (at least 2 wanted)`,
    lintErrors.length === 0
      ? `clarity lint of ${lintedWhat}: no errors${bestTarget.findings.length > 0 ? ` (${bestTarget.findings.length} warnings)` : ''}`
      : `clarity lint of ${lintedWhat}: ${lintErrors.length} error${lintErrors.length === 1 ? '' : 's'}: ${lintErrors.map((finding) => finding.message).join('; ')}`,
    `plateau (δ ${plateau.delta}, last ${plateau.window} iterations): ${plateau.reason}`,
  ];
  for (const group of limits.incomplete) {
    const reason = group.reasons[0];
    evidence.push(
      `not counted: ${group.iteration.label} (iteration ${group.iteration.index}), ${(group.iteration.failedShare * 100).toFixed(0)}% of calls failed${reason ? `, mostly "${reason.message}"` : ''}`,
    );
  }
  const next: string[] = limits.incomplete.map(
    (group) => `fix ${group.iteration.label}: ${group.fix}`,
  );
  if (!enoughVariants) {
    next.push(
      `evaluate ${minVariants - evaluated.length} more variant${minVariants - evaluated.length === 1 ? '' : 's'}: propose candidates with \`tunegate variants\`, accept some, then \`tunegate eval\``,
    );
  }
  if (!enoughAxes) {
    const missing = (['wording', 'few-shot', 'system', 'sampling'] as const).filter(
      (axis) => !axes.has(axis),
    );
    next.push(
      `explore another axis (${missing.join(', ')}): \`tunegate variants --axis ${missing[0]}\``,
    );
  }
  if (lintErrors.length > 0) {
    next.push(`make ${lintedWhat} clear (\`tunegate lint\`): ${lintErrors[0]?.message}`);
  }
  if (!plateau.reached) {
    next.push(
      plateau.windowStart === null
        ? `keep iterating: the plateau rule needs more than ${plateau.window} iterations`
        : 'keep iterating: the best score is still improving, so prompting has not hit its limit',
    );
  }
  return {
    number: 2,
    id: 'prompting',
    title: 'Prompting explored: variants, axes, a clear instruction, a plateau',
    pass,
    summary: pass
      ? `${evaluated.length} variants over ${axes.size} axes, a clear prompt, and the best score has plateaued`
      : `prompting is not exhausted yet (${[
          enoughVariants ? '' : 'too few variants',
          enoughAxes ? '' : 'too few axes',
          lintErrors.length === 0 ? '' : 'lint errors',
          plateau.reached ? '' : 'no plateau',
        ]
          .filter(Boolean)
          .join(', ')})`,
    evidence,
    next,
  };
}

/** Which axes a variant changes against the plain instruction. */
export function axesOf(variant: VariantConfig, task: TaskConfig): VariantAxis[] {
  const axes: VariantAxis[] = [];
  if (
    (variant.instruction !== undefined && variant.instruction !== task.instruction) ||
    variant.template !== undefined ||
    variant.mode === 'completion'
  ) {
    axes.push('wording');
  }
  if ((variant.fewShot?.k ?? 0) > 0) axes.push('few-shot');
  if (variant.system) axes.push('system');
  if (variant.sampling !== undefined) axes.push('sampling');
  return axes;
}
