import { callCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import type { AnsweredTally } from '../statistics/answered-tally.js';
import { casePassRate } from '../statistics/case-pass-rate.js';
import { comparePairedCases } from '../statistics/paired-case-comparison.js';
import type { ArmRole, ComparisonArm } from './comparison.js';
import type { GroupRef, MeasuredGroup } from './measure-group.js';

export interface ArmFacts {
  role: ArmRole;
  group: GroupRef;
  ref: string;
  reused: boolean;
  measured: MeasuredGroup;
  price: ModelPrice | undefined;
  /** The best prompt's per-case tallies, to test against; undefined for the best prompt itself. */
  best: ReadonlyMap<string, AnsweredTally> | undefined;
}

/** One arm's figures from its measured group: case-level interval, paired test against the best, cost. */
export function buildArm(facts: ArmFacts): ComparisonArm {
  const { measured, group } = facts;
  const interval = casePassRate(measured.tallies.values());
  let versusBest: ComparisonArm['versusBest'] = null;
  if (facts.best) {
    const paired = comparePairedCases(measured.tallies.values(), facts.best.values());
    if (paired) {
      versusBest = {
        pairs: paired.cases,
        onlyThis: paired.firstAhead,
        onlyBest: paired.secondAhead,
        p: paired.p,
        method: paired.method,
        pairing: paired.pairing,
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
    cases: interval.cases,
    errors: measured.errors,
    commonestError: measured.commonestError,
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
