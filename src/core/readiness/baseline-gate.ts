import type { Iteration } from '../limits/iteration.js';
import { isPlainVariant, plainVariant } from '../prompt-lab/plain-variant.js';
import { repeatRangeLabel } from '../statistics/repeat-range.js';
import { type GateInputs, interval, percent } from './gate-inputs.js';
import type { GateResult } from './gate-result.js';

/**
 * Gate 1: the plain instruction, zero-shot, measured on every candidate model over the whole
 * eval set (a probe run, or a run of a variant that sends exactly the instruction).
 */
export function baselineGate(inputs: GateInputs): GateResult {
  const { task, evalCases } = inputs;
  const plainNames = new Set([
    plainVariant(task).name,
    ...task.variants.filter((variant) => isPlainVariant(variant, task)).map((v) => v.name),
  ]);
  const evidence: string[] = [];
  const missing: string[] = [];
  const partial: string[] = [];
  const candidates = task.models.filter((config) => config.finetunedFrom === undefined);
  for (const model of candidates.map((config) => config.name ?? config.ref)) {
    const baselines = inputs.limits.iterations.filter(
      (iteration) =>
        iteration.model === model &&
        (iteration.runKind === 'probe' || plainNames.has(iteration.variant)),
    );
    // A baseline whose calls failed measured nothing: it does not cover the eval set.
    const full = baselines.filter(
      (iteration) => !iteration.incomplete && iteration.answeredCases >= evalCases,
    );
    // A probe is the baseline by definition; a plain eval variant stands in for one.
    const shown =
      full.filter((iteration) => iteration.runKind === 'probe').at(-1) ??
      full.at(-1) ??
      baselines.at(-1);
    if (!shown) {
      missing.push(model);
      evidence.push(`${model}: no baseline yet`);
      continue;
    }
    if (full.length === 0) partial.push(model);
    evidence.push(`${model}: ${describe(shown, evalCases)}`);
  }
  const pass = missing.length === 0 && partial.length === 0;
  const next: string[] = [];
  if (missing.length > 0) {
    next.push(
      `run \`tunegate probe\` to measure the plain instruction zero-shot on ${missing.join(', ')}`,
    );
  }
  if (partial.length > 0) {
    next.push(
      `re-run \`tunegate probe\` without --limit so the baseline of ${partial.join(', ')} covers all ${evalCases} eval cases`,
    );
  }
  return {
    number: 1,
    id: 'baseline',
    title: 'Baseline: the plain instruction on every candidate model',
    pass,
    summary: pass
      ? `every candidate model (${candidates.length}) has a zero-shot baseline over all ${evalCases} eval cases`
      : `${missing.length + partial.length} of ${candidates.length} candidate models lack a full baseline`,
    evidence,
    next,
  };
}

function describe(iteration: Iteration, evalCases: number): string {
  const repeats = repeatRangeLabel({
    min: iteration.shares.minRepeats,
    max: iteration.shares.maxRepeats,
  });
  const coverage =
    iteration.answeredCases >= evalCases
      ? `${iteration.answeredCases} cases`
      : `only ${iteration.answeredCases} of ${evalCases} eval cases answered`;
  const how = iteration.runKind === 'probe' ? 'probe run' : `variant ${iteration.variant}, run`;
  const failed = iteration.errors > 0 ? `; ${iteration.errors} failed calls not counted` : '';
  const incomplete = iteration.incomplete ? ' (incomplete: too many failed calls)' : '';
  return `${percent(iteration.passRate)} (${interval(iteration.lower, iteration.upper)}) over ${coverage} × ${repeats} repeat${repeats === '1' ? '' : 's'}${failed}${incomplete} (${how} ${iteration.runId}, iteration ${iteration.index})`;
}
