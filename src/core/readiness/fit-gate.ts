import { describeAnswers } from '../metrics/diversity-applicability.js';
import { type GateInputs, percent } from './gate-inputs.js';
import type { GateResult } from './gate-result.js';

/**
 * Gate 4: finetuning fits the gap. At the best prompt, most failures are format or
 * consistency failures (the model can, but not reliably or not in shape) rather than missing
 * knowledge, which a finetune rarely adds. With a diversity floor, the creativity at stake is
 * shown, and a prompt already below the floor fails (finetunes tend to narrow outputs).
 */
export function fitGate(inputs: GateInputs): GateResult {
  const { task, limits } = inputs;
  const base = {
    number: 4 as const,
    id: 'fit' as const,
    title: 'Finetuning fits the gap: format and consistency, not knowledge',
  };
  const split = limits.failures;
  if (!limits.best || !split) {
    return {
      ...base,
      pass: false,
      summary: 'no evaluations yet',
      evidence: [],
      next: ['evaluate the task first'],
    };
  }
  const failures = split.format + split.consistency + split.knowledge;
  const evidence: string[] = [];
  const next: string[] = [];
  if (failures === 0) {
    return {
      ...base,
      pass: false,
      summary: 'the best prompt has no answered failures to fit',
      evidence: [`${split.errors} failed calls, no failing answers`],
      next:
        split.errors > 0
          ? ['fix the failing calls (see `tunegate show --failures`) and re-run']
          : [],
    };
  }
  evidence.push(
    `of ${failures} failing answers at ${limits.best.label}: ${split.format} format, ${split.consistency} consistency (the case passes on another repeat), ${split.knowledge} knowledge (never passes)${split.knowledge > 0 ? `, ${split.knowledgeSolvedElsewhere} of them solved by another variant` : ''}`,
  );
  if (split.errors > 0) evidence.push(`${split.errors} failed calls, not counted`);
  for (const check of limits.checkFailures.slice(0, 5)) {
    evidence.push(`check ${check.name} (${check.kind}) failed ${check.failures} times`);
  }
  const share = split.fixableShare ?? 0;
  const fixable = share > 0.5;
  if (split.maxRepeats < 2) {
    evidence.push('one repeat per case: inconsistency cannot be told from missing knowledge');
    if (!fixable) next.push('re-run with repeats ≥ 3 to tell inconsistency from missing knowledge');
  }
  if (!fixable) {
    next.push(
      `most failures (${percent(1 - share)}) are missing knowledge: a finetune rarely adds facts; put them in the instruction or retrieve them, then re-evaluate`,
    );
  }
  let creativityOk = true;
  const floor = task.targets.diversityFloor;
  const applicability = limits.quality?.diversityApplicability;
  if (floor !== undefined && applicability?.applies === false) {
    // Distinct-2 of labels or one-word answers is not creativity: nothing to guard.
    evidence.push(
      `diversity floor ${floor} does not apply: ${applicability.reason} (${describeAnswers(applicability)}); agreement across repeats is the measure here`,
    );
  } else if (floor !== undefined) {
    const diversity = limits.quality?.diversity ?? null;
    if (diversity === null) {
      creativityOk = false;
      evidence.push('diversity floor set, but diversity needs at least 2 answered cases');
      next.push('evaluate more cases so diversity can be measured against the floor');
    } else if (diversity < floor) {
      creativityOk = false;
      evidence.push(
        `diversity (distinct-2 across inputs) ${diversity.toFixed(3)} is already below the floor ${floor}; finetunes tend to narrow outputs further`,
      );
      next.push(
        'raise diversity with prompting or sampling first, or lower the floor if it is wrong',
      );
    } else {
      evidence.push(
        `diversity (distinct-2 across inputs) ${diversity.toFixed(3)}, floor ${floor}: a finetune may lose at most ${(diversity - floor).toFixed(3)} (${percent((diversity - floor) / diversity)} of it) before creativity falls below the floor; measure the finetuned model against it`,
      );
    }
  }
  const pass = fixable && creativityOk;
  return {
    ...base,
    pass,
    summary: pass
      ? `${percent(share)} of the failures are format or consistency failures: what finetuning fixes`
      : fixable
        ? 'the failures fit a finetune, but the creativity floor is at risk'
        : `only ${percent(share)} of the failures are format or consistency failures`,
    evidence,
    next,
  };
}
