import { describeSeparation } from '../limits/describe-power.js';
import { repeatsEachLabel } from '../statistics/repeat-range.js';
import { type GateInputs, interval, percent } from './gate-inputs.js';
import type { GateResult } from './gate-result.js';

export interface LimitsGateResult extends GateResult {
  /** A prompt already meets every target: the verdict is keep-prompting whatever else holds. */
  meetsTargets: boolean;
}

/**
 * Gate 3: the limits of prompting found. The best prompt misses a target with confidence (the
 * upper bound of its 95% interval is below it) and the hard cases are named. A prompt that
 * meets every target ends the matter: keep prompting (ship that prompt).
 */
export function limitsGate(inputs: GateInputs): LimitsGateResult {
  const { task, limits } = inputs;
  const best = limits.best;
  const base = {
    number: 3 as const,
    id: 'limits' as const,
    title: 'Limits found: the best prompt misses a target with confidence',
  };
  if (!best) {
    return {
      ...base,
      pass: false,
      meetsTargets: false,
      summary: 'no evaluations yet',
      evidence: [],
      next: ['evaluate the task: `tunegate probe`, then `tunegate eval`'],
    };
  }
  const targets = task.targets;
  const repeats = repeatsEachLabel({ min: best.shares.minRepeats, max: best.shares.maxRepeats });
  const evidence = [
    `best prompt: ${best.label} (iteration ${best.index}), pass rate ${percent(best.passRate)} (${interval(best.lower, best.upper)}) over ${best.answeredCases} cases, ${repeats}${best.errors > 0 ? ` (${best.errors} failed calls not counted)` : ''}; target ${percent(targets.passRate)}`,
  ];
  const separation = describeSeparation(limits);
  if (separation) evidence.push(separation);
  const power = limits.targetPower;
  if (power && power.cases !== null) {
    evidence.push(
      `at this pass rate and spread, about ${power.cases} eval cases would show the target ${power.direction} with 95% confidence (80% power); the eval set has ${best.answeredCases}`,
    );
  }
  const passRateMet = best.passRate >= targets.passRate;
  let missedSurely = best.upper < targets.passRate;
  let consistencyMet = true;
  const quality = limits.quality;
  if (targets.consistency !== undefined) {
    if (!quality || quality.consistency === null) {
      consistencyMet = false;
      evidence.push(
        `consistency target ${percent(targets.consistency)}: not measurable with one repeat per case; run with repeats ≥ 3`,
      );
    } else {
      consistencyMet = quality.consistency >= targets.consistency;
      const upper = quality.consistencyUpper ?? 1;
      if (upper < targets.consistency) missedSurely = true;
      evidence.push(
        `consistency (agreement across repeats) ${percent(quality.consistency)} (${interval(quality.consistencyLower ?? 0, upper)}); target ${percent(targets.consistency)}`,
      );
    }
  }
  const hard = [...limits.neverSolved, ...limits.rarelySolved].map((row) => row.caseId);
  const named = hard.length > 0 ? hard : limits.bestMisses.map((miss) => miss.caseId);
  if (limits.neverSolved.length > 0) {
    evidence.push(
      `never solved by any prompt (${limits.neverSolved.length}): ${list(limits.neverSolved.map((row) => row.caseId))}`,
    );
  }
  if (limits.rarelySolved.length > 0) {
    evidence.push(
      `rarely solved (under ${percent(limits.options.rareBelow)} of trials, ${limits.rarelySolved.length}): ${list(limits.rarelySolved.map((row) => row.caseId))}`,
    );
  }
  if (hard.length === 0 && named.length > 0) {
    evidence.push(`cases the best prompt fails most: ${list(named)}`);
  }
  const meetsTargets = passRateMet && consistencyMet;
  if (meetsTargets) {
    return {
      ...base,
      pass: false,
      meetsTargets,
      summary: `${best.label} meets every target: a prompt is enough`,
      evidence,
      next: [`keep prompting: ship ${best.label}; finetuning is not needed for these targets`],
    };
  }
  if (missedSurely && named.length > 0) {
    return {
      ...base,
      pass: true,
      meetsTargets,
      summary: `the best prompt misses a target with 95% confidence, and ${named.length} hard case${named.length === 1 ? ' is' : 's are'} named`,
      evidence,
      next: [],
    };
  }
  return {
    ...base,
    pass: false,
    meetsTargets,
    summary:
      'not yet clear that the best prompt misses its targets: its interval still reaches them',
    evidence,
    next: [
      power && power.cases !== null && power.cases > best.answeredCases
        ? `write more eval cases: about ${power.cases} (${best.answeredCases} now) would show the target ${power.direction} with confidence; more repeats of the same cases help only while repeats disagree`
        : `add eval cases to narrow the interval (${best.answeredCases} now): it must fall clear of the target before finetuning is justified`,
    ],
  };
}

function list(ids: readonly string[], limit = 10): string {
  const shown = ids.slice(0, limit).join(', ');
  return ids.length > limit ? `${shown}, … (${ids.length - limit} more)` : shown;
}
