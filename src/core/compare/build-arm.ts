import { callCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import { mcnemarExact } from '../metrics/mcnemar-exact.js';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { ArmRole, ComparisonArm } from './comparison.js';
import { type GroupRef, type MeasuredGroup, pairOutcomes } from './measure-group.js';

export interface ArmFacts {
  role: ArmRole;
  group: GroupRef;
  ref: string;
  reused: boolean;
  measured: MeasuredGroup;
  price: ModelPrice | undefined;
  /** The best prompt's outcomes, to test against; undefined for the best prompt itself. */
  best: ReadonlyMap<string, boolean> | undefined;
}

/** One arm's figures from its measured group: interval, McNemar against the best, cost. */
export function buildArm(facts: ArmFacts): ComparisonArm {
  const { measured, group } = facts;
  const interval = wilsonInterval(measured.passed, measured.trials);
  let versusBest: ComparisonArm['versusBest'] = null;
  if (facts.best) {
    const paired = pairOutcomes(measured.outcomes, facts.best);
    if (paired.pairs > 0) {
      versusBest = {
        pairs: paired.pairs,
        onlyThis: paired.onlyFirst,
        onlyBest: paired.onlySecond,
        p: mcnemarExact(paired.onlyFirst, paired.onlySecond),
      };
    }
  }
  const costPer1000 =
    facts.price && measured.inputTokensPerCall !== null && measured.outputTokensPerCall !== null
      ? callCost(
          {
            inputTokens: measured.inputTokensPerCall,
            outputTokens: measured.outputTokensPerCall,
          },
          facts.price,
        ) * 1000
      : null;
  const { quality } = measured;
  return {
    role: facts.role,
    label: `${group.variant} on ${group.model}${measured.sampling === 'default' ? '' : ` (${measured.sampling})`}`,
    model: group.model,
    ref: facts.ref,
    variant: group.variant,
    runId: group.runId,
    samplingIndex: group.samplingIndex,
    sampling: measured.sampling,
    reused: facts.reused,
    trials: measured.trials,
    passed: measured.passed,
    passRate: interval.rate,
    lower: interval.lower,
    upper: interval.upper,
    versusBest,
    consistency: quality.consistency.modalAgreement,
    passAllRepeats: quality.consistency.passAllRepeats,
    diversity: {
      withinDistinct2: quality.diversityWithin.distinct2 ?? null,
      withinSelfBleu: quality.diversityWithin.selfBleu ?? null,
      acrossDistinct2:
        quality.diversityAcross.outputCount > 0 ? quality.diversityAcross.distinct2 : null,
      acrossSelfBleu: quality.diversityAcross.selfBleu?.value ?? null,
      applicability: quality.diversityApplicability,
    },
    latencyP50: measured.latencyP50,
    latencyP95: measured.latencyP95,
    inputTokensPerCall: measured.inputTokensPerCall,
    outputTokensPerCall: measured.outputTokensPerCall,
    costPer1000,
  };
}
